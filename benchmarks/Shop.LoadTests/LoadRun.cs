using System.Diagnostics;

namespace Shop.LoadTests;

/// <summary>One shopper's repeated flow. Each client runs its own instance state through <see cref="RunOnceAsync"/>.</summary>
public interface IShopperFlow
{
    /// <summary>One pass of the flow; each timed step is recorded under its name.</summary>
    Task RunOnceAsync(ClientState state, Recorder recorder, CancellationToken ct);

    /// <summary>What to check or print once the load has stopped.</summary>
    Task AfterRunAsync(TextWriter output);
}

/// <summary>What a client keeps between passes (its basket, say).</summary>
public sealed class ClientState
{
    public string? BasketId { get; set; }
    public int Quantity { get; set; }
}

/// <summary>Latencies per step for one client; merged at the end so recording takes no locks.</summary>
public sealed class Recorder
{
    public Dictionary<string, List<double>> Latencies { get; } = [];
    public Dictionary<string, int> Failures { get; } = [];
    public int Flows { get; set; }
    public bool Measuring { get; set; }

    public async Task<HttpResponseMessage> TimeAsync(string step, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await send();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Measuring)
        {
            (Latencies.TryGetValue(step, out var list) ? list : Latencies[step] = []).Add(elapsed);
            if (!response.IsSuccessStatusCode)
            {
                Failures[$"{step} {(int)response.StatusCode}"] = Failures.GetValueOrDefault($"{step} {(int)response.StatusCode}") + 1;
            }
        }

        return response;
    }
}

public sealed record StepFigures(string Step, int Count, double PerSecond, double P50, double P90, double P95, double P99, double Max);

public sealed record LoadReport(TimeSpan Measured, int Flows, IReadOnlyList<StepFigures> Steps, IReadOnlyDictionary<string, int> Failures)
{
    public void Print(TextWriter output)
    {
        var total = Steps.Sum(s => s.Count);
        output.WriteLine($"measured {Measured.TotalSeconds:0.0} s: {total} requests ({total / Measured.TotalSeconds:0} req/s), {Flows} flows ({Flows / Measured.TotalSeconds:0.0}/s)");
        output.WriteLine($"{"step",-16} {"count",8} {"req/s",8} {"p50 ms",8} {"p90 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var s in Steps)
        {
            output.WriteLine($"{s.Step,-16} {s.Count,8} {s.PerSecond,8:0} {s.P50,8:0.0} {s.P90,8:0.0} {s.P95,8:0.0} {s.P99,8:0.0} {s.Max,8:0.0}");
        }

        foreach (var (failure, count) in Failures)
        {
            output.WriteLine($"non-2xx: {failure} x{count}");
        }
    }
}

public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(IShopperFlow flow, LoadOptions options)
    {
        var recorders = Enumerable.Range(0, options.Clients).Select(_ => new Recorder()).ToList();
        using var stop = new CancellationTokenSource(options.Warmup + options.Duration);
        var measuredFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);

        var clients = recorders.Select(recorder => Task.Run(async () =>
        {
            var state = new ClientState();
            while (!stop.IsCancellationRequested)
            {
                recorder.Measuring = Stopwatch.GetTimestamp() >= measuredFrom;
                try
                {
                    await flow.RunOnceAsync(state, recorder, stop.Token);
                    if (recorder.Measuring)
                    {
                        recorder.Flows++;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The run is over; a step cut short is not counted.
                }
            }
        })).ToList();
        await Task.WhenAll(clients);

        var measured = options.Duration;
        var steps = recorders.SelectMany(r => r.Latencies).GroupBy(l => l.Key).Select(g =>
        {
            var sorted = g.SelectMany(l => l.Value).Order().ToArray();
            double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new StepFigures(g.Key, sorted.Length, sorted.Length / measured.TotalSeconds, At(0.50), At(0.90), At(0.95), At(0.99), sorted[^1]);
        }).ToList();
        var failures = recorders.SelectMany(r => r.Failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        return new LoadReport(measured, recorders.Sum(r => r.Flows), steps, failures);
    }
}
