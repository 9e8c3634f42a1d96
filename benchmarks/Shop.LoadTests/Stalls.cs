using System.Diagnostics;

namespace Shop.LoadTests;

/// <summary>One measured request: when it was due (or sent, flat out) and how long it took from then.</summary>
public readonly record struct Sample(long Due, double Milliseconds);

/// <summary>Requests over the threshold that were due close together: one moment the topology (or the tool) stalled.</summary>
public sealed record Stall(DateTime From, DateTime To, double SecondsIntoRun, int Requests, double WorstMilliseconds);

/// <summary>
/// Where a tail comes from: the slow requests grouped by when they were due. A p99 made by a few stalls shows as a
/// few moments holding most of the slow requests, each with its time of day to set beside a GC, a Redis save or a
/// log line; a p99 made by queueing shows as slow requests spread over the whole run.
/// </summary>
public sealed record StallReport(double ThresholdMilliseconds, int Slow, int Total, IReadOnlyList<Stall> Stalls)
{
    /// <summary>Slow requests due less than this apart belong to the same stall.</summary>
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(200);

    public static StallReport From(IEnumerable<Sample> samples, double thresholdMilliseconds, Clock clock, long measuredFrom)
    {
        var all = samples.ToList();
        var slow = all.Where(s => s.Milliseconds > thresholdMilliseconds).OrderBy(s => s.Due).ToList();
        var gap = (long)(Gap.TotalSeconds * Stopwatch.Frequency);
        var stalls = new List<Stall>();
        for (var i = 0; i < slow.Count;)
        {
            var j = i;
            var worst = slow[i].Milliseconds;
            while (j + 1 < slow.Count && slow[j + 1].Due - slow[j].Due < gap)
            {
                worst = Math.Max(worst, slow[++j].Milliseconds);
            }

            stalls.Add(new Stall(clock.UtcAt(slow[i].Due), clock.UtcAt(slow[j].Due),
                (double)(slow[i].Due - measuredFrom) / Stopwatch.Frequency, j - i + 1, worst));
            i = j + 1;
        }

        return new StallReport(thresholdMilliseconds, slow.Count, all.Count, stalls);
    }

    public void Print(TextWriter output, int most = 8)
    {
        output.WriteLine($"slow (over {ThresholdMilliseconds:0} ms): {Slow} of {Total} requests ({100.0 * Slow / Math.Max(1, Total):0.00} %) " +
                         $"in {Stalls.Count} moments (slow requests due under {Gap.TotalMilliseconds:0} ms apart form one)");
        var largest = Stalls.OrderByDescending(s => s.Requests).Take(most).OrderBy(s => s.From).ToList();
        if (largest.Count == 0)
        {
            return;
        }

        output.WriteLine($"  the {largest.Count} largest hold {largest.Sum(s => s.Requests)} of the {Slow} (UTC, when the requests were due):");
        foreach (var s in largest)
        {
            output.WriteLine($"  {s.From:HH:mm:ss.fff}-{s.To:ss.fff}  {s.SecondsIntoRun,6:0.0} s in  {s.Requests,5} requests  worst {s.WorstMilliseconds,6:0.0} ms");
        }
    }
}

/// <summary>Turns the tool's stopwatch timestamps into times of day, to compare with other processes' logs.</summary>
public sealed class Clock
{
    private readonly DateTime _utc = DateTime.UtcNow;
    private readonly long _timestamp = Stopwatch.GetTimestamp();

    public DateTime UtcAt(long timestamp) => _utc.AddTicks((long)((timestamp - _timestamp) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
}
