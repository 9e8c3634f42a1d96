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
