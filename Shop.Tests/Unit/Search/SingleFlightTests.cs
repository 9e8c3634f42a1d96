using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task CallersOfOneKeyWhileItIsComputedShareOneComputation()
    {
        var key = Guid.NewGuid().ToString();
        var release = new TaskCompletionSource();
        var computations = 0;
        async Task<int> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return 42;
        }

        var callers = Enumerable.Range(0, 20).Select(_ => SingleFlight<int>.RunAsync(key, Compute, CancellationToken.None)).ToList();
        var other = SingleFlight<int>.RunAsync(key + "-other", () => Task.FromResult(7), CancellationToken.None);
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), answer => Assert.Equal(42, answer));
        Assert.Equal(1, computations);
        Assert.Equal(7, await other);
        // Once answered, the next caller computes again (the answer is not kept here).
        Assert.Equal(43, await SingleFlight<int>.RunAsync(key, () => Task.FromResult(43), CancellationToken.None));
    }

    [Fact]
    public async Task AWaiterComputesItselfWhenTheComputingCallerGoesAway()
    {
        var key = Guid.NewGuid().ToString();
        using var leaderGone = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var leader = SingleFlight<int>.RunAsync(key, async () =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, leaderGone.Token);
            return 1;
        }, leaderGone.Token);
        await started.Task;
        var waiter = SingleFlight<int>.RunAsync(key, () => Task.FromResult(2), CancellationToken.None);

        await leaderGone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        Assert.Equal(2, await waiter);
    }
}
