using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Identity;

/// <summary>
/// One client address that makes too many registration or reset requests is refused (whatever accounts it names),
/// without affecting other clients. The storefront trusts X-Forwarded-For only from proxies it knows (loopback
/// here, where the tests run, as in production it would be the ingress named in ForwardedHeaders:KnownNetworks), so
/// each test below is a client of its own and does not use up the limit of the rest of the suite.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ClientRateLimitTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Requests the validator refuses (no hashing, no email), yet the limit counts them, as it runs first.</summary>
    public static TheoryData<string, string> LimitedRequests => new()
    {
        { "/api/users", """{"email":"not-an-email","password":""}""" },
        { "/api/auth/password-reset", """{"email":"not-an-email"}""" },
    };

    [Theory]
    [MemberData(nameof(LimitedRequests))]
    public async Task OneClientBeyondItsLimitIs429WithAProblemAndRetryAfterWhileOthersGoOn(string path, string body)
    {
        var limit = ShopAppFixture.AuthRequestsPerClientPerMinute;
        using var client = ClientAt(NewAddress());
        var allowedBeforeLimited = 0;
        HttpResponseMessage? limited = null;
        // Up to three windows' worth, in case a slow machine crosses a window boundary on the way.
        for (var i = 0; i < limit * 3 && limited is null; i++)
        {
            var response = await client.PostAsync(path, Json(body), Cancellation);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                allowedBeforeLimited++;
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(allowedBeforeLimited >= limit, $"Refused after {allowedBeforeLimited} requests; the limit is {limit}.");
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            var problem = await limited.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        }

        using var stillLimited = await client.PostAsync(path, Json(body), Cancellation);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
        using var another = ClientAt(NewAddress());
        using var otherClient = await another.PostAsync(path, Json(body), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    private HttpClient ClientAt(string address)
    {
        var client = shop.CreateStorefrontClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static int _lastAddress;

    /// <summary>
    /// A new address for each client of the run (every run starts a fresh topology), from the range kept for
    /// documentation (RFC 5737), never a real client's.
    /// </summary>
    private static string NewAddress() => $"198.51.100.{Interlocked.Increment(ref _lastAddress)}";

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
