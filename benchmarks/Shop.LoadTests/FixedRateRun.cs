using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shop.LoadTests;

/// <summary>
/// Open-loop load: GET requests leave on a fixed schedule (<c>rate</c> a second, walking a list of paths) whatever
/// the server answers, and each latency counts from the request's scheduled time. A closed loop of N clients sends
/// less when the server stalls and so hides the stall (coordinated omission); here a stall shows in the tail.
/// </summary>
public static class FixedRateRun
{
    public static async Task<LoadReport> RunAsync(HttpClient http, IReadOnlyList<string> paths, double rate, TimeSpan warmup, TimeSpan duration, double slowMilliseconds)
    {
        var clock = new Clock();
        var latencies = new ConcurrentBag<Sample>();
        var failures = new ConcurrentDictionary<string, int>();
        var ticksBetween = Stopwatch.Frequency / rate;
        var warmupRequests = (long)(warmup.TotalSeconds * rate);
        var requests = warmupRequests + (long)(duration.TotalSeconds * rate);
        var offset = Random.Shared.Next(paths.Count);
        var started = Stopwatch.GetTimestamp();
        var sent = new List<Task>();
        var late = 0;
        var behind = TimeSpan.Zero;
        for (var i = 0L; i < requests; i++)
        {
            var scheduled = started + (long)(i * ticksBetween);
            var early = scheduled - Stopwatch.GetTimestamp();
            if (early > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency));
            }

            behind = Stopwatch.GetElapsedTime(scheduled);
            late += i >= warmupRequests && behind > TimeSpan.FromMilliseconds(1) ? 1 : 0;

            // Requests that fell behind leave at once; their lateness counts in their latency.
            sent.Add(SendAsync(http, paths[(int)((offset + i) % paths.Count)], scheduled, i >= warmupRequests, latencies, failures));
        }

        await Task.WhenAll(sent);
        var sorted = latencies.Select(s => s.Milliseconds).Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var figures = new StepFigures("GET", sorted.Length, sorted.Length / duration.TotalSeconds,
            At(0.50), At(0.90), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
        var stalls = StallReport.From(latencies, slowMilliseconds, clock, started + (long)(warmupRequests * ticksBetween));
        return new LoadReport(duration, 0, [figures], failures, rate, late, (int)(requests - warmupRequests), behind, stalls);
    }

    private static async Task SendAsync(
        HttpClient http, string path, long scheduled, bool measured, ConcurrentBag<Sample> latencies, ConcurrentDictionary<string, int> failures)
    {
        string? failure = null;
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            failure = response.IsSuccessStatusCode ? null : $"GET {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failure = $"GET {e.GetType().Name}";
        }

        if (measured)
        {
            latencies.Add(new Sample(scheduled, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds));
            if (failure is not null)
            {
                failures.AddOrUpdate(failure, 1, (_, count) => count + 1);
            }
        }
    }
}
