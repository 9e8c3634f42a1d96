using System.Collections.Concurrent;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Callers asking for one key while it is being computed wait for that computation instead of starting their own:
/// when a popular search's cached answer expires, the clients asking for it at that moment cost one computation.
/// </summary>
public static class SingleFlight<T>
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<T>>> InFlight = new(StringComparer.Ordinal);

    public static async Task<T> RunAsync(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new Lazy<Task<T>>(compute);
            var flight = InFlight.GetOrAdd(key, mine);
            if (flight == mine)
            {
                try
                {
                    return await flight.Value;
                }
                finally
                {
                    InFlight.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, mine));
                }
            }

            try
            {
                return await flight.Value.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request computing it went away; this one computes it itself.
                InFlight.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, flight));
            }
        }
    }
}
