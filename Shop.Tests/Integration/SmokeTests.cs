using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration;

[Collection(ShopCollection.Name)]
public sealed class SmokeTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryResourceReachesHealthy()
    {
        var model = shop.App.Services.GetRequiredService<DistributedApplicationModel>();
        // Parameters hold values, and hidden helper resources (such as Aspire's project rebuilders) never run.
        var resources = model.Resources
            .Where(r => r is not ParameterResource)
            .Where(r => !shop.App.ResourceNotifications.TryGetCurrentState(r.Name, out var current) || !current.Snapshot.IsHidden)
            .Select(r => r.Name)
            .ToList();
        Assert.Contains("postgres", resources);
        Assert.Contains("redis", resources);
        Assert.Contains("messaging", resources);
        Assert.Contains("mail", resources);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        foreach (var name in resources)
        {
            await shop.App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/categories")]
    [InlineData("/api/brands")]
    [InlineData("/api/shipping-methods")]
    public async Task PublicReadsAnswerThroughTheStorefront(string path)
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var list = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("items");
        Assert.True(list.GetArrayLength() > 0, $"{path} returned an empty list; the seed data is missing");
    }

    [Fact]
    public async Task BasketServiceAnswersThroughTheStorefront()
    {
        using var client = shop.CreateStorefrontClient();
        using var created = await client.PostAsync("/api/baskets", null, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString();

        using var fetched = await client.GetAsync($"/api/baskets/{id}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task IdentityServiceAnswersThroughTheStorefrontWithAProblem()
    {
        using var client = shop.CreateStorefrontClient();
        using var response = await client.GetAsync("/api/users/me", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARequestThroughTheStorefrontIsOneTraceWithTheService()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = shop.CreateStorefrontClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/categories");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        HashSet<string> services = [];
        while (DateTime.UtcNow < deadline && !(services.Contains("webapp") && services.Contains("catalog-api")))
        {
            await Task.Delay(250, Cancellation);
            services = shop.Traces.Spans.Where(s => s.TraceId == traceId).Select(s => s.ServiceName).ToHashSet();
        }

        Assert.Contains("webapp", services);
        Assert.Contains("catalog-api", services);
    }
}
