using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.OrderingApi.ServiceIdentity;
using Shop.Tests.Infrastructure;
using Shop.Tests.Integration.Identity;

namespace Shop.Tests.Integration.Ordering;

/// <summary>
/// The ordering service's own tokens, from the topology's identity service with the settings the AppHost gives the
/// ordering service: a burst of calls with no token yet sends one token request, not one each.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ServiceTokenTests(ShopAppFixture shop)
{
    [Fact]
    public async Task FiftyCallsAtOnceWithNoTokenYetShareOneTokenRequest()
    {
        var tokenRequests = 0;
        using var host = await OrderingServiceIdentityAsync(() => Interlocked.Increment(ref tokenRequests));
        var tokens = host.Services.GetRequiredService<ServiceTokens>();

        var issued = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => tokens.GetAsync(ServiceCallers.CatalogStockScope, TestContext.Current.CancellationToken)));

        Assert.Equal(1, tokenRequests);
        Assert.Single(issued.Distinct());
        using var catalog = shop.App.CreateHttpClient("catalog-api", "http").As(issued[0]);
        using var refused = await catalog.PostAsync($"/api/stock/reservations/{Guid.NewGuid()}/release", null, TestContext.Current.CancellationToken);
        Assert.NotEqual(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AForgottenTokenIsRequestedAgain()
    {
        var tokenRequests = 0;
        using var host = await OrderingServiceIdentityAsync(() => Interlocked.Increment(ref tokenRequests));
        var tokens = host.Services.GetRequiredService<ServiceTokens>();

        await tokens.GetAsync(ServiceCallers.CatalogStockScope, TestContext.Current.CancellationToken);
        await tokens.ForgetAsync(ServiceCallers.CatalogStockScope);
        await tokens.GetAsync(ServiceCallers.CatalogStockScope, TestContext.Current.CancellationToken);

        Assert.Equal(2, tokenRequests);
    }

    /// <summary>The ordering service's token client, built as the service builds it, counting the token requests it sends.</summary>
    private async Task<IHost> OrderingServiceIdentityAsync(Action onTokenRequest)
    {
        var (_, environment) = await shop.ServiceEnvironmentAsync("ordering-api");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith("ServiceIdentity__", StringComparison.Ordinal) || e.Key.StartsWith("Authentication__", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new TokenRequestCounter(onTokenRequest)));
        builder.AddServiceIdentity();
        return builder.Build();
    }

    private sealed class TokenRequestCounter(Action onTokenRequest) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                onTokenRequest();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
