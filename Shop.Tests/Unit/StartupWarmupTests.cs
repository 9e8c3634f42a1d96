using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Shop.ServiceDefaults;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Unit;

/// <summary>
/// A service sends itself its warm-up rounds through its real pipeline once it listens, and reports ready on
/// <c>/health</c> only after them, or after a round fails.
/// </summary>
[Collection(InProcessTelemetryCollection.Name)]
public sealed class StartupWarmupTests
{
    [Fact]
    public async Task HealthReportsReadyOnlyAfterEveryRoundWentThroughThePipeline()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new TaskCompletionSource();
        var served = 0;
        await using var app = Service(rounds: 3, async (client, round, token) =>
        {
            await client.GetStringAsync($"/hot?round={round}", token);
            await gate.Task.WaitAsync(token);
        });
        app.MapGet("/hot", () => Interlocked.Increment(ref served));
        await app.StartAsync(ct);
        using var client = ClientOf(app);

        var warming = await Eventually.WaitForAsync(() => Task.FromResult(served), count => count == 1);
        Assert.Equal(1, warming);
        using (var health = await client.GetAsync(ServiceDefaultsExtensions.HealthPath, ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        using (var alive = await client.GetAsync(ServiceDefaultsExtensions.AlivePath, ct))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        gate.SetResult();
        var status = await Eventually.WaitForAsync(async () => await StatusAsync(client, ct), code => code == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, served);
        Assert.Equal(3, app.Services.GetRequiredService<StartupWarmup>().CompletedRounds);
    }

    [Fact]
    public async Task AFailingRoundDoesNotKeepTheServiceDown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = Service(rounds: 5, (client, round, token) => client.GetStringAsync("/broken", token));
        app.MapGet("/broken", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        await app.StartAsync(ct);
        using var client = ClientOf(app);

        var status = await Eventually.WaitForAsync(async () => await StatusAsync(client, ct), code => code == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, app.Services.GetRequiredService<StartupWarmup>().CompletedRounds);
    }

    private static WebApplication Service(int rounds, WarmupRound round)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[$"{WarmupOptions.Section}:{nameof(WarmupOptions.Rounds)}"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults();
        builder.AddStartupWarmup(round);
        var app = builder.Build();
        app.UseServiceDefaults();
        return app;
    }

    private static HttpClient ClientOf(WebApplication app) => new()
    {
        BaseAddress = new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
    };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync(ServiceDefaultsExtensions.HealthPath, ct);
        return response.StatusCode;
    }
}
