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

/// <summary>
/// Latencies per step for one client; merged at the end so recording takes no locks. With a schedule, each request
/// has a time it is due: an early one waits for it, and a late one's latency counts from it, so a request sent late
/// because the one before was slow counts its wait (no coordinated omission: a stall shows in the percentiles, as
/// users would feel it).
/// </summary>
public sealed class Recorder(long interval = 0, long firstDue = 0)
{
    private long _due = firstDue;

    public Dictionary<string, List<double>> Latencies { get; } = [];

    /// <summary>Every measured request with when it was due, for <see cref="StallReport"/>.</summary>
    public List<Sample> Samples { get; } = [];

    public Dictionary<string, int> Failures { get; } = [];
    public int Flows { get; set; }
    public bool Measuring { get; set; }

    /// <summary>Requests sent later than due by more than a millisecond (of <see cref="Scheduled"/>): the client could not keep its schedule.</summary>
    public int Late { get; private set; }

    public int Scheduled { get; private set; }

    /// <summary>How far behind its schedule the client's last request left.</summary>
    public TimeSpan Behind { get; private set; }

    public async Task<HttpResponseMessage> TimeAsync(string step, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        if (interval > 0)
        {
            var due = _due;
            _due += interval;
            Scheduled += Measuring ? 1 : 0;
            if (due > started)
            {
                // Early: wait for the due time; the timer's own lateness is the load generator's, not counted.
                await Task.Delay(Stopwatch.GetElapsedTime(started, due));
                started = Stopwatch.GetTimestamp();
                Behind = TimeSpan.Zero;
            }
            else
            {
                Late += Measuring && started - due > Stopwatch.Frequency / 1000 ? 1 : 0;
                Behind = Stopwatch.GetElapsedTime(due, started);
                started = due;
            }
        }

        var response = await send();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (Measuring)
        {
            (Latencies.TryGetValue(step, out var list) ? list : Latencies[step] = []).Add(elapsed);
            Samples.Add(new Sample(started, elapsed));
            if (!response.IsSuccessStatusCode)
            {
                Failures[$"{step} {(int)response.StatusCode}"] = Failures.GetValueOrDefault($"{step} {(int)response.StatusCode}") + 1;
            }
        }

        return response;
    }
}

public sealed record StepFigures(string Step, int Count, double PerSecond, double P50, double P90, double P95, double P99, double Max);

public sealed record LoadReport(
    TimeSpan Measured, int Flows, IReadOnlyList<StepFigures> Steps, IReadOnlyDictionary<string, int> Failures, double Rate, int Late, int Scheduled, TimeSpan Behind,
    StallReport Stalls)
{
    public void Print(TextWriter output)
    {
        var total = Steps.Sum(s => s.Count);
        output.WriteLine($"measured {Measured.TotalSeconds:0.0} s: {total} requests ({total / Measured.TotalSeconds:0} req/s), {Flows} flows ({Flows / Measured.TotalSeconds:0.0}/s)");
        if (Rate > 0)
        {
            // A client that is behind at the end never caught up: the topology did not serve the rate.
            output.WriteLine($"scheduled {Rate:0} req/s; {Late} of {Scheduled} requests ({100.0 * Late / Math.Max(1, Scheduled):0.0} %) left over 1 ms later than due; " +
                             $"at the end the clients were up to {Behind.TotalMilliseconds:0} ms behind: " +
                             (Behind > TimeSpan.FromMilliseconds(100) ? "the rate was NOT held" : "the rate was held"));
        }

        output.WriteLine($"{"step",-16} {"count",8} {"req/s",8} {"p50 ms",8} {"p90 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var s in Steps)
        {
            output.WriteLine($"{s.Step,-16} {s.Count,8} {s.PerSecond,8:0} {s.P50,8:0.0} {s.P90,8:0.0} {s.P95,8:0.0} {s.P99,8:0.0} {s.Max,8:0.0}");
        }

        foreach (var (failure, count) in Failures)
        {
            output.WriteLine($"non-2xx: {failure} x{count}");
        }

        Stalls.Print(output);
    }
}

public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(IShopperFlow flow, LoadOptions options)
    {
        // On a schedule each client sends every Clients/Rate seconds, the clients staggered evenly across that period.
        var clock = new Clock();
        var start = Stopwatch.GetTimestamp();
        var interval = options.Rate > 0 ? (long)(options.Clients / options.Rate * Stopwatch.Frequency) : 0;
        var recorders = Enumerable.Range(0, options.Clients).Select(i => new Recorder(interval, start + interval * i / options.Clients)).ToList();
        using var stop = new CancellationTokenSource(options.Warmup + options.Duration);
        var measuredFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);

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
        var stalls = StallReport.From(recorders.SelectMany(r => r.Samples), options.SlowMilliseconds, clock, measuredFrom);
        return new LoadReport(measured, recorders.Sum(r => r.Flows), steps, failures, options.Rate, recorders.Sum(r => r.Late), recorders.Sum(r => r.Scheduled), recorders.Max(r => r.Behind), stalls);
    }
}
