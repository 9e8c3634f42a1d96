using Shop.CatalogApi.Search;

namespace Shop.Tests.Unit.Search;

public sealed class SearchFlightsTests
{
    [Fact]
    public async Task ConcurrentCallsForOneKeyComputeOnceAndShareTheAnswer()
    {
        var flights = new SearchFlights();
        var release = new TaskCompletionSource();
        var computed = 0;
        async Task<string> Compute()
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return "result";
        }

        var calls = Enumerable.Range(0, 20).Select(_ => flights.RunAsync("listing", Compute, CancellationToken.None)).ToList();
        var other = flights.RunAsync("other listing", Compute, CancellationToken.None);
        release.SetResult();

        Assert.All(await Task.WhenAll(calls), r => Assert.Equal("result", r));
        Assert.Equal("result", await other);
        Assert.Equal(2, computed);
        // Once answered, the next call computes afresh (keeping answers is the cache's job).
        Assert.Equal("result", await flights.RunAsync("listing", Compute, CancellationToken.None));
        Assert.Equal(3, computed);
    }

    [Fact]
    public async Task AWaiterWhoseComputingCallFailsComputesForItself()
    {
        var flights = new SearchFlights();
        var release = new TaskCompletionSource();
        var failing = flights.RunAsync<string>("listing", async () =>
        {
            await release.Task;
            throw new OperationCanceledException("The shopper went away.");
        }, CancellationToken.None);
        var waiting = flights.RunAsync("listing", () => Task.FromResult("own result"), CancellationToken.None);
        release.SetResult();

        await Assert.ThrowsAsync<OperationCanceledException>(() => failing);
        Assert.Equal("own result", await waiting);
    }
}
