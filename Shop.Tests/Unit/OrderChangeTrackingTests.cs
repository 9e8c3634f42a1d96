using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.Tests.Unit;

/// <summary>How the order's line, history and return lists are snapshotted and compared for saving.</summary>
public sealed class OrderChangeTrackingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableItemListComparer<OrderHistoryEntry> History = new();
    private static readonly ImmutableItemListComparer<ReturnRequest> Returns = new();

    [Fact]
    public void AnEntryAddedAfterTheSnapshotIsAChange()
    {
        var history = new List<OrderHistoryEntry> { new(Now, OrderStatus.Placed, "placed", "customer", null) };
        var snapshot = History.Snapshot(history);

        history.Add(new OrderHistoryEntry(Now.AddMinutes(1), OrderStatus.Paid, "paid", "payment", null));

        Assert.False(History.Equals(snapshot, history));
        Assert.Single(snapshot);
    }

    [Fact]
    public void AnItemReplacedByAChangedCopyIsAChange()
    {
        var request = new ReturnRequest(Guid.NewGuid(), [new ReturnLine("TEE-M", 1)], "too small", ReturnStatus.Requested, Now, null);
        var returns = new List<ReturnRequest> { request };
        var snapshot = Returns.Snapshot(returns);

        returns[0] = request.MoveTo(ReturnStatus.Approved, "ok");

        Assert.False(Returns.Equals(snapshot, returns));
    }

    [Fact]
    public void ListsWithTheSameItemsAreNoChangeAndHashAlike()
    {
        var lines = new ImmutableItemListComparer<OrderLine>();
        var read = new List<OrderLine> { new("TEE-M", "Tee", new Money(2500, "EUR"), 2, 200) };
        var same = new List<OrderLine> { new("TEE-M", "Tee", new Money(2500, "EUR"), 2, 200) };
        var other = new List<OrderLine> { new("TEE-M", "Tee", new Money(2500, "EUR"), 3, 200) };

        Assert.True(lines.Equals(read, same));
        Assert.Equal(lines.GetHashCode(read), lines.GetHashCode(same));
        Assert.False(lines.Equals(read, other));
    }
}
