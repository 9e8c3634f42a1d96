using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.Tests.Unit.Ordering;

public sealed class OrderLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOrderGoesFromPlacedToDeliveredKeepingEveryChange()
    {
        var order = NewOrder();
        order.AwaitPayment("pay_1", Now);
        order.MarkPaid("pay_1", Now.AddMinutes(1));
        order.Ship("DHL", "JJD0001", "staff-1", Now.AddDays(1));
        order.MarkDelivered("carrier", Now.AddDays(3));

        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal(["placed", "payment started", "paid", "shipped", "delivered"], order.History.Select(h => h.Event));
        Assert.Equal("JJD0001", order.TrackingNumber);
    }

    [Fact]
    public void HearingOfTheSamePaymentTwiceChangesNothing()
    {
        var order = NewOrder();
        Assert.True(order.MarkPaid("pay_1", Now));
        Assert.False(order.MarkPaid("pay_1", Now.AddSeconds(5)));
        Assert.Single(order.History, h => h.Event == "paid");
    }

    [Fact]
    public void AnInvalidTransitionIsAConflictNamingTheCurrentState()
    {
        var order = NewOrder();
        var conflict = Assert.Throws<OrderStateConflictException>(() => order.Ship("DHL", "1", "staff", Now));
        Assert.Equal(OrderStatus.Placed, conflict.Current);
        Assert.Equal(OrderStatus.Placed, order.Status);
    }

    [Fact]
    public void ACustomerCanCancelUntilShippingAndAPaidOrderIsRefunded()
    {
        var unpaid = NewOrder();
        Assert.False(unpaid.CancelByCustomer(Now));

        var paid = NewOrder();
        paid.MarkPaid("pay_1", Now);
        Assert.True(paid.CancelByCustomer(Now));

        var shipped = NewOrder();
        shipped.MarkPaid("pay_2", Now);
        shipped.Ship("UPS", "1Z", "staff", Now);
        Assert.Throws<OrderStateConflictException>(() => shipped.CancelByCustomer(Now));
        Assert.True(shipped.CancelByStaff("staff", "lost in transit", Now));
    }

    [Fact]
    public void APaidOrderRefundedInFullIsCancelledWithNothingLeftToRefund()
    {
        var order = NewOrder();
        order.MarkPaid("pay_1", Now);
        order.RecordRefund(order.RefundableAmount, "re_1", "staff", Now);

        Assert.False(order.CancelByCustomer(Now));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void AnUnpaidOrderExpiresOnlyWhenItIsDue()
    {
        var order = NewOrder();
        Assert.Throws<OrderStateConflictException>(() => order.ExpireUnpaid(Now.AddMinutes(10)));
        order.ExpireUnpaid(Now.AddMinutes(31));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void RefundsNeverExceedWhatWasPaid()
    {
        var order = NewOrder();
        order.MarkPaid("pay_1", Now);
        order.RecordRefund(new Money(1000, "EUR"), "re_1", "staff", Now);

        Assert.Throws<ArgumentOutOfRangeException>(() => order.RecordRefund(order.RefundableAmount + new Money(1, "EUR"), "re_2", "staff", Now));
        Assert.Equal(1000, order.Refunded.Amount);
    }

    [Fact]
    public void ReturnsFollowTheirOwnStatesWithinTheWindow()
    {
        var order = NewOrder();
        order.MarkPaid("pay_1", Now);
        order.Ship("DHL", "1", "staff", Now);
        order.MarkDelivered("carrier", Now);

        var request = order.RequestReturn([new ReturnLine("TEE-M", 1)], "too small", TimeSpan.FromDays(30), Now.AddDays(2));
        Assert.Throws<ReturnStateConflictException>(() => order.MoveReturn(request.Id, ReturnStatus.Refunded, "staff", null, Now));
        order.MoveReturn(request.Id, ReturnStatus.Approved, "staff", null, Now);
        var received = order.MoveReturn(request.Id, ReturnStatus.Received, "staff", null, Now);

        Assert.Equal(2500, order.RefundDueFor(received).Amount);
        Assert.Throws<InvalidReturnException>(() => order.RequestReturn([new ReturnLine("TEE-M", 2)], "more", TimeSpan.FromDays(30), Now.AddDays(2)));
        Assert.Throws<OrderStateConflictException>(() => order.RequestReturn([new ReturnLine("MUG", 1)], "late", TimeSpan.FromDays(30), Now.AddDays(31)));
    }

    [Fact]
    public void AnItemNamedTwiceInAReturnCountsAsItsTotal()
    {
        var order = NewOrder();
        order.MarkPaid("pay_1", Now);
        order.Ship("DHL", "1", "staff", Now);
        order.MarkDelivered("carrier", Now);

        // One mug was bought: two lines of one mug each are two mugs.
        Assert.Throws<InvalidReturnException>(() => order.RequestReturn([new ReturnLine("MUG", 1), new ReturnLine("MUG", 1)], "twice", TimeSpan.FromDays(30), Now));
        Assert.Throws<InvalidReturnException>(() => order.RequestReturn([new ReturnLine("TEE-M", 3), new ReturnLine("TEE-M", -1)], "net two", TimeSpan.FromDays(30), Now));
        Assert.Empty(order.Returns);

        var both = order.RequestReturn([new ReturnLine("TEE-M", 1), new ReturnLine("TEE-M", 1)], "both", TimeSpan.FromDays(30), Now);
        Assert.Equal([new ReturnLine("TEE-M", 2)], both.Lines);
        order.MoveReturn(both.Id, ReturnStatus.Approved, "staff", null, Now);
        Assert.Equal(5000, order.RefundDueFor(order.MoveReturn(both.Id, ReturnStatus.Received, "staff", null, Now)).Amount);
    }

    [Fact]
    public void AReturnGivesBackWhatTheItemsCostAfterTheDiscountAndNotTheShipping()
    {
        // 2 × 2500 + 1200 = 6200, less a 2000 code: the goods cost 4200 of the 4695 paid (495 shipping).
        var order = DeliveredOrder(new(new Money(6200, "EUR"), new Money(2000, "EUR"), new Money(495, "EUR"), new Money(750, "EUR"), new Money(4695, "EUR"), true, 1900));

        // One tee of 2500 listed is 2500 × 4200 / 6200 = 1693.5…, rounded 1694; it was 2500, a refund of more than it cost.
        Assert.Equal(1694, RefundFor(order, new ReturnLine("TEE-M", 1)).Amount);
        // Each return in turn: together they give back the goods' 4200 exactly, never the shipping.
        Assert.Equal(1693, RefundFor(order, new ReturnLine("TEE-M", 1)).Amount);
        Assert.Equal(813, RefundFor(order, new ReturnLine("MUG", 1)).Amount);
        Assert.Equal(4200, order.Refunded.Amount);
    }

    [Fact]
    public void WherePricesWereShownWithoutTaxAReturnGivesBackItsTaxToo()
    {
        // 6200 + 495 shipping, 19 % added on top: 1272 tax, 7967 in all.
        var order = DeliveredOrder(new(new Money(6200, "EUR"), Money.Zero("EUR"), new Money(495, "EUR"), new Money(1272, "EUR"), new Money(7967, "EUR"), false, 1900));

        Assert.Equal(1428, RefundFor(order, new ReturnLine("MUG", 1)).Amount);
    }

    [Fact]
    public void AGuestOrderIsReachableOnlyWithItsSecret()
    {
        var (order, token) = Order.Place(null, "guest@example.com", Lines(), Address(), "standard", null, Totals(), Now, TimeSpan.FromMinutes(30));

        Assert.NotNull(token);
        Assert.True(order.IsGuestAccessToken(token));
        Assert.False(order.IsGuestAccessToken(token + "x"));
        Assert.NotEqual(token, order.GuestAccessTokenHash);
    }

    [Fact]
    public void ErasureKeepsTheAmountsAndDropsThePerson()
    {
        var order = NewOrder();
        order.Anonymize(Now);

        Assert.Null(order.CustomerId);
        Assert.Equal("(erased)", order.ShippingAddress.Name);
        Assert.Equal(Totals().Total, order.Totals.Total);
    }

    [Fact]
    public void ErasureTakesThePersonOutOfTheHistoryAndTheirReturnReasons()
    {
        var order = DeliveredOrder(Totals());
        order.RequestReturn([new ReturnLine("MUG", 1)], "a gift from my sister Ada, who hates mugs", TimeSpan.FromDays(30), Now);

        order.Anonymize(Now);

        Assert.DoesNotContain(order.History, h => h.Actor == "customer-1");
        Assert.Contains(order.History, h => h.Event == "placed" && h.Actor == "customer");
        Assert.Null(order.History.Single(h => h.Event == "return requested").Note);
        Assert.Equal("", order.Returns.Single().Reason);
        Assert.Contains(order.History, h => h.Event == "shipped" && h.Actor == "staff");
    }

    private static Order DeliveredOrder(OrderTotals totals)
    {
        var order = Order.Place("customer-1", "c@example.com", Lines(), Address(), "standard", null, totals, Now, TimeSpan.FromMinutes(30)).Order;
        order.MarkPaid("pay_1", Now);
        order.Ship("DHL", "1", "staff", Now);
        order.MarkDelivered("carrier", Now);
        return order;
    }

    /// <summary>A return of these items taken through to refunded, as staff move it; what it gave back.</summary>
    private static Money RefundFor(Order order, params ReturnLine[] lines)
    {
        var request = order.RequestReturn(lines, "returned", TimeSpan.FromDays(30), Now);
        order.MoveReturn(request.Id, ReturnStatus.Approved, "staff", null, Now);
        var received = order.MoveReturn(request.Id, ReturnStatus.Received, "staff", null, Now);
        var due = order.RefundDueFor(received);
        order.RecordRefund(due, $"re_{request.Id}", "staff", Now);
        order.MoveReturn(request.Id, ReturnStatus.Refunded, "staff", null, Now);
        return due;
    }

    private static Order NewOrder() =>
        Order.Place("customer-1", "c@example.com", Lines(), Address(), "standard", null, Totals(), Now, TimeSpan.FromMinutes(30)).Order;

    private static List<OrderLine> Lines() =>
    [
        new("TEE-M", "Merino T-Shirt", new Money(2500, "EUR"), 2, 200),
        new("MUG", "Mug", new Money(1200, "EUR"), 1, 400),
    ];

    private static Address Address() => new("Ada Lovelace", "1 Main St", null, "Berlin", "10115", "DE", null, null);

    private static OrderTotals Totals() =>
        new(new Money(6200, "EUR"), Money.Zero("EUR"), new Money(495, "EUR"), new Money(1069, "EUR"), new Money(6695, "EUR"), true, 1900);
}
