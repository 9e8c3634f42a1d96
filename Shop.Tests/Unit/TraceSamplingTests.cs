using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

[Collection(InProcessTelemetryCollection.Name)]
public sealed class TraceSamplingTests
{
    private static readonly ActivitySource Source = new(TelemetryExtensions.ShopTelemetryPrefix + nameof(TraceSamplingTests));

    private static async Task<bool> RecordsANewTraceAsync(string? ratio)
    {
        var builder = Host.CreateApplicationBuilder();
        if (ratio is not null)
        {
            builder.Configuration[TelemetryExtensions.TraceSampleRatioSetting] = ratio;
        }

        builder.AddShopTelemetry();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var activity = Source.StartActivity("work", ActivityKind.Server, parentContext: default);
            return activity?.Recorded == true;
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task TracesAreSampledByTheConfiguredRatio()
    {
        Assert.True(await RecordsANewTraceAsync(ratio: null));
        Assert.True(await RecordsANewTraceAsync(ratio: "1"));
        Assert.False(await RecordsANewTraceAsync(ratio: "0"));
    }

    [Fact]
    public void ARatioOutsideZeroToOneIsRefusedAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[TelemetryExtensions.TraceSampleRatioSetting] = "5";

        Assert.Throws<InvalidOperationException>(() => builder.AddShopTelemetry());
    }
}
