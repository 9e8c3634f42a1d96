using System.Collections.Concurrent;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Concurrent requests for the same search results (one key) compute them once per replica: the first computes, the
/// others wait for its answer. Without it, every shopper missing a large listing's cache entry at the same moment (it
/// expired, or the index changed) counts the listing again, all at once. A waiter whose computing request fails (its
/// shopper went away, say) computes for itself.
/// </summary>
public sealed class SearchFlights
{
    private readonly ConcurrentDictionary<string, Task<object?>> flights = new();

    public async Task<T> RunAsync<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = flights.GetOrAdd(key, mine.Task);
        if (flight != mine.Task)
        {
            try
            {
                return (T)(await flight.WaitAsync(cancellationToken))!;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return await compute();
            }
        }

        try
        {
            var result = await compute();
            mine.SetResult(result);
            return result;
        }
        catch (Exception exception)
        {
            mine.SetException(exception);
            // Nobody may be waiting: the failure is the caller's to handle, not an unobserved task's.
            _ = mine.Task.Exception;
            throw;
        }
        finally
        {
            flights.TryRemove(new KeyValuePair<string, Task<object?>>(key, mine.Task));
        }
    }
}
