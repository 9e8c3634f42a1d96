using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

[Collection(InProcessTelemetryCollection.Name)]
public sealed class TraceSamplingTests
{
    private static readonly ActivitySource Source = new(TelemetryExtensions.ShopTelemetryPrefix + nameof(TraceSamplingTests));

    private static async Task<IHost> StartHostAsync(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddShopTelemetry();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Whether a trace started here (no parent) is recorded.</summary>
    private static bool RecordsANewTrace()
    {
        using var activity = Source.StartActivity("work", ActivityKind.Server, parentContext: default);
        return activity?.Recorded == true;
    }

    private static async Task<bool> RecordsANewTraceAsync(string? ratio)
    {
        using var host = ratio is null ? await StartHostAsync() : await StartHostAsync((TelemetryExtensions.TraceSampleRatioSetting, ratio));
        try
        {
            return RecordsANewTrace();
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
    public async Task NewTracesStopAtTheCapUntilTheNextSecondButSampledCallersAreFollowed()
    {
        using var host = await StartHostAsync((TelemetryExtensions.MaxTracesPerSecondSetting, "3"));
        try
        {
            var recorded = Enumerable.Range(0, 10).Count(_ => RecordsANewTrace());
            Assert.InRange(recorded, 3, 6); // 3, or 3 more if the bucket's second ended while they started

            // A call from a service that recorded its trace is recorded here too, cap or not.
            var sampledCaller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
            using (var followed = Source.StartActivity("call", ActivityKind.Server, sampledCaller))
            {
                Assert.True(followed?.Recorded);
            }

            // The bucket refills each second.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!RecordsANewTrace())
            {
                Assert.True(DateTime.UtcNow < deadline, "No new trace was recorded in 10 s after the cap was reached.");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task TheCapAppliesAfterTheRatio()
    {
        using var host = await StartHostAsync((TelemetryExtensions.TraceSampleRatioSetting, "0"), (TelemetryExtensions.MaxTracesPerSecondSetting, "100"));
        try
        {
            Assert.False(RecordsANewTrace());
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(TelemetryExtensions.TraceSampleRatioSetting, "5")]
    [InlineData(TelemetryExtensions.MaxTracesPerSecondSetting, "0")]
    [InlineData(TelemetryExtensions.MaxTracesPerSecondSetting, "-2")]
    [InlineData(TelemetryExtensions.MaxTracesPerSecondSetting, "ten")]
    public void ASettingOutOfRangeIsRefusedAtStart(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[key] = value;

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddShopTelemetry());
        Assert.Contains(key, refused.Message);
    }
}
