using Microsoft.Extensions.Options;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class SearchTurnsTests
{
    private static SearchTurns Turns(int concurrent, int queued) =>
        new(Options.Create(new SearchOptions { MaxConcurrentSearches = concurrent, MaxQueuedSearches = queued }));

    /// <summary>A turn that never comes fails the test instead of hanging it.</summary>
    private static Task Within(Task task) => task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private static Task<T> Within<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    [Fact]
    public async Task AtMostTheLimitRunAtOnceAndTheOthersRunInArrivalOrder()
    {
        using var turns = Turns(concurrent: 2, queued: 10);
        var started = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var releases = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource()).ToList();
        var searches = new List<Task<int>>();
        for (var i = 0; i < 5; i++)
        {
            var search = i;
            searches.Add(turns.RunAsync(async () =>
            {
                started[search].SetResult();
                await releases[search].Task;
                return search;
            }, CancellationToken.None));
        }

        bool[] Running() => started.Select(s => s.Task.IsCompleted).ToArray();
        Assert.Equal([true, true, false, false, false], Running());

        releases[1].SetResult();
        await Within(started[2].Task);
        Assert.Equal([true, true, true, false, false], Running());

        releases[0].SetResult();
        await Within(started[3].Task);
        Assert.Equal([true, true, true, true, false], Running());

        foreach (var release in releases)
        {
            release.TrySetResult();
        }

        int[] answers = await Within(Task.WhenAll(searches));
        Assert.Equal([0, 1, 2, 3, 4], answers);
    }

    [Fact]
    public async Task BeyondTheWaitingLineASearchIsRefusedWithoutRunning()
    {
        using var turns = Turns(concurrent: 1, queued: 1);
        var release = new TaskCompletionSource();
        var running = turns.RunAsync(async () => { await release.Task; return 1; }, CancellationToken.None);
        var waiting = turns.RunAsync(() => Task.FromResult(2), CancellationToken.None);
        var ran = false;

        await Assert.ThrowsAsync<SearchBusyException>(() => Within(turns.RunAsync(() => { ran = true; return Task.FromResult(3); }, CancellationToken.None)));
        Assert.False(ran);
        release.SetResult();
        Assert.Equal(1, await Within(running));
        Assert.Equal(2, await Within(waiting));
    }

    [Fact]
    public async Task AWaiterWhoseShopperLeavesStopsWaitingAndGivesUpItsPlace()
    {
        using var turns = Turns(concurrent: 1, queued: 1);
        var release = new TaskCompletionSource();
        var running = turns.RunAsync(async () => { await release.Task; return 1; }, CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var waiting = turns.RunAsync(() => Task.FromResult(2), leaving.Token);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(waiting));
        // Its place in the line is free again.
        var next = turns.RunAsync(() => Task.FromResult(3), CancellationToken.None);
        release.SetResult();
        Assert.Equal(1, await Within(running));
        Assert.Equal(3, await Within(next));
    }
}
