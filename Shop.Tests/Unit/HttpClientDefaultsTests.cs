using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Logging;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

public sealed class HttpClientDefaultsTests
{
    private static List<Type> HandlerChainOf(string clientName)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient(clientName);
        using var host = builder.Build();

        var chain = new List<Type>();
        HttpMessageHandler? handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName);
        while (handler is not null)
        {
            chain.Add(handler.GetType());
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        return chain;
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("POST", false)]
    [InlineData("PUT", false)]
    [InlineData("DELETE", false)]
    public async Task TheStorefrontsCallsRetryReadsButSendWritesOnce(string method, bool retried)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        Shop.WebApp.Api.ApiClientResilience.SendWritesOnce(builder.Services);
        builder.Services.AddHttpClient("basket");
        using var host = builder.Build();
        var retry = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>>()
            .Get("basket-standard").Retry;

        var context = Polly.ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        // The resilience handler puts the request on the context this way before it asks whether to retry.
#pragma warning disable EXTEXP0001
        Polly.HttpResilienceContextExtensions.SetRequestMessage(context, new HttpRequestMessage(new HttpMethod(method), "http://basket-api/api/baskets/x/items"));
#pragma warning restore EXTEXP0001
        var unavailable = Polly.Outcome.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));

        Assert.Equal(retried, await retry.ShouldHandle(new Polly.Retry.RetryPredicateArguments<HttpResponseMessage>(context, unavailable, 0)));
    }

    [Fact]
    public void ServiceCallsGoThroughResilienceWithoutTheFactorysLoggingHandlers()
    {
        var chain = HandlerChainOf("catalog");

        Assert.DoesNotContain(typeof(LoggingHttpMessageHandler), chain);
        Assert.DoesNotContain(typeof(LoggingScopeHttpMessageHandler), chain);
        // The defaults' other handlers stay: retries and timeouts, then service discovery.
        Assert.Contains(chain, type => type.Name == "ResilienceHandler");
        Assert.Contains(chain, type => type.Name == "ResolvingHttpDelegatingHandler");
    }
}
