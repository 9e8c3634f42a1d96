using System.Runtime;
namespace Shop.LoadTests;

/// <summary>
/// The load tool's own garbage collections. It is .NET too: while it is paused no request leaves, and a scheduled
/// request's latency counts from when it was due, so its pauses show in the percentiles as if the topology stalled.
/// Printed beside the figures so a tail can be told apart from the tool's.
/// </summary>
public readonly record struct OwnCollections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static OwnCollections Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public void PrintSince(OwnCollections start, TextWriter output) =>
        output.WriteLine($"load tool's own GC over the run (warm-up included): {Gen0 - start.Gen0} gen0 / {Gen1 - start.Gen1} gen1 / " +
                         $"{Gen2 - start.Gen2} gen2 collections (counts include the older generations'), {(Paused - start.Paused).TotalMilliseconds:0} ms paused " +
                         $"({(GCSettings.IsServerGC ? "server" : "workstation")} GC)");
}
