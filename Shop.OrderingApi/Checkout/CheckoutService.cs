using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Domain.Pricing;
using Shop.OrderingApi.Domain.Promotions;
using Shop.OrderingApi.Notifications;
using Shop.OrderingApi.Orders;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

public abstract record CheckoutOutcome
{
    public sealed record Placed(Order Order, PaymentSession Payment, string? GuestAccessToken) : CheckoutOutcome;

    /// <summary>Nothing was ordered: 400 for a request to fix, 409 when stock or the basket's state is the problem.</summary>
    public sealed record Refused(int StatusCode, string Field, string Message, IReadOnlyList<StockShortage>? ShortSkus = null) : CheckoutOutcome;
}

/// <summary>The shopper who is checking out.</summary>
public sealed record Shopper(string? CustomerId, string? AccountEmail, AuthenticationHeaderValue? Authorization);

/// <summary>
/// Places an order from a basket: stock reserved in the catalog for the order, priced by the catalog's answer to
/// that reservation, totals on the server, the discount code's limits counted atomically, and a
/// payment started with the gateway. Stock is released again if anything after the reservation fails, and stock
/// held for an order that was never saved is released by <see cref="UnfinishedPlacementRelease"/>.
/// </summary>
public sealed class CheckoutService(
    OrderingDbContext db,
    BasketClient baskets,
    CatalogStockClient stock,
    IPaymentGateway payments,
    IOptions<ShippingSettings> shipping,
    IOptions<TaxSettings> tax,
    IOptions<PaymentSettings> paymentSettings,
    OrderingMetrics metrics,
    TimeProvider clock)
{
    public async Task<CheckoutOutcome> PlaceAsync(PlaceOrderRequest request, Shopper shopper, CancellationToken ct)
    {
        if (request.BasketId == "mine" && shopper.CustomerId is null)
        {
            return Refuse(400, "basketId", "Sign in to check out your own basket, or give a guest basket's id.");
        }

        var email = request.Email ?? shopper.AccountEmail;
        if (string.IsNullOrWhiteSpace(email))
        {
            return Refuse(400, "email", "Give an email for the receipt.");
        }

        var basket = await baskets.GetAsync(request.BasketId, shopper.Authorization, ct);
        if (basket is null || basket.Lines.Count == 0)
        {
            return Refuse(400, "basketId", basket is null ? "There is no such basket." : "The basket is empty.");
        }

        var address = new Address(request.ShippingAddress.Name.Trim(), request.ShippingAddress.Line1.Trim(), request.ShippingAddress.Line2?.Trim(),
            request.ShippingAddress.City.Trim(), request.ShippingAddress.PostalCode.Trim(), request.ShippingAddress.Country,
            request.ShippingAddress.Region?.Trim(), request.ShippingAddress.Phone?.Trim());
        var customerKey = shopper.CustomerId ?? email.Trim().ToLowerInvariant();

        // Chosen once, so a retried attempt reserves stock under the same id (the catalog treats that as one reservation).
        var orderId = Guid.CreateVersion7();
        // Recorded before any stock is held, and removed only with the saved order: whatever happens between (a timeout
        // after the catalog reserved, a crash, a failed insert), the stock is released by order id once it is stale.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "PendingPlacements" ("OrderId", "StartedAt") VALUES ({orderId}, {clock.GetUtcNow()})""", ct);
        // A failure anywhere rolls the whole transaction back and the strategy starts again, so SaveChanges needs no
        // savepoint of its own (two round trips fewer).
        db.Database.AutoSavepointsEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // The reservation prices the order: the catalog answers with each SKU's price, name and weight as it takes
            // the stock, and refuses SKUs no longer on sale, so no price is ever taken from the basket.
            var reservation = await stock.ReserveAsync(orderId, basket.Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(), ct);
            if (reservation is StockReservationOutcome.Refused refused)
            {
                // Nothing is held for this order: nothing is left to release.
                await ForgetPlacementAsync(orderId, ct);
                return refused.NotOnSale
                    ? (CheckoutOutcome)Refuse(409, "basketId", "Some items are no longer available.", refused.ShortSkus)
                    : Refuse(409, "basketId", "Some items are out of stock in these quantities.", refused.ShortSkus);
            }

            var skus = ((StockReservationOutcome.Reserved)reservation).Skus.ToDictionary(s => s.Sku, StringComparer.Ordinal);
            var lines = basket.Lines.Select(l =>
            {
                var sku = skus[l.Sku];
                return new OrderLine(l.Sku, sku.Name, new Money(sku.Price, sku.Currency), l.Quantity, sku.WeightGrams);
            }).ToList();
            try
            {
                var placed = await PlaceReservedAsync(request, shopper, email, lines, address, customerKey, orderId, basket.Id, ct);
                if (placed is CheckoutOutcome.Refused)
                {
                    await stock.ReleaseAsync(orderId, CancellationToken.None);
                    await ForgetPlacementAsync(orderId, CancellationToken.None);
                }

                return placed;
            }
            catch
            {
                // Released at once where the catalog answers. The pending placement stays, so a retry of this attempt
                // still finds it, and once stale the release is repeated whatever happened here.
                await stock.ReleaseAsync(orderId, CancellationToken.None);
                throw;
            }
        });

        if (outcome is not SavedOrder saved)
        {
            return outcome;
        }

        metrics.OrderPlaced(saved.Order.Totals.Total.Amount, saved.Order.Totals.Total.Currency);
        if (saved.Payment is { } started)
        {
            return new CheckoutOutcome.Placed(saved.Order, started, saved.GuestAccessToken);
        }

        PaymentSession session;
        try
        {
            session = await StartPaymentAsync(saved.Order, ct);
        }
        catch (PaymentGatewayException)
        {
            return await CancelUnpayableAsync(saved.Order);
        }

        AnnouncePlaced(saved.Order, basket.Id, saved.GuestAccessToken);
        await db.SaveChangesAsync(ct);
        return new CheckoutOutcome.Placed(saved.Order, session, saved.GuestAccessToken);
    }

    /// <summary>
    /// Tells the basket to empty itself and the shopper by email, once the order can be paid: an order whose payment
    /// never started is not announced (and its basket is kept for the retry).
    /// </summary>
    private void AnnouncePlaced(Order order, string basketId, string? guestToken)
    {
        var total = order.Totals.Total;
        db.AddIntegrationEvent(new OrderPlaced(order.Id, order.CustomerId, basketId, order.Email,
            order.Lines.Select(l => new OrderedItem(l.Sku, l.Quantity)).ToList(), total.Amount, total.Currency));
        db.AddIntegrationEvent(new OrderConfirmationRequested(order.Id, order.Email, guestToken, total.Amount, total.Currency));
    }

    /// <summary>
    /// The provider would not start the payment of an order already saved: the order is cancelled at once, so its
    /// stock goes back on sale and the shopper's retry (with the same Idempotency-Key too) places a new order rather
    /// than meeting one that cannot be paid.
    /// </summary>
    private async Task<CheckoutOutcome> CancelUnpayableAsync(Order order)
    {
        const string reason = "the payment could not be started";
        order.CancelUnpayable(reason, clock.GetUtcNow());
        db.AddIntegrationEvent(new OrderCancelled(order.Id, order.Email, reason, RefundDue: false, Announced: false));
        await db.SaveChangesAsync(CancellationToken.None);
        return Refuse(StatusCodes.Status503ServiceUnavailable, "payment",
            "The payment could not be started, so nothing was ordered. Please try again in a moment.");
    }

    private async Task<PaymentSession> StartPaymentAsync(Order order, CancellationToken ct)
    {
        var session = await payments.StartPaymentAsync(order.Id, order.Totals.Total, order.Email, order.Id.ToString(), ct);
        order.AwaitPayment(session.PaymentReference, clock.GetUtcNow());
        return session;
    }

    /// <summary>The order for stock already held: the discount code's limits, totals, and the order with its events.</summary>
    private async Task<CheckoutOutcome> PlaceReservedAsync(PlaceOrderRequest request, Shopper shopper, string email, List<OrderLine> lines,
        Address address, string customerKey, Guid orderId, string basketId, CancellationToken ct)
    {
        // The basket refuses a line in a second currency, but staff may re-price a product in another after it was added.
        if (lines.Any(l => l.UnitPrice.Currency != lines[0].UnitPrice.Currency))
        {
            return Refuse(409, "basketId", "The basket holds items priced in different currencies, and an order is paid in one. Remove the items in the other currency.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (shopper.CustomerId is { } customerId)
        {
            // Takes turns with the account's erasure (see ErasedCustomer): its access token outlives the account.
            await db.LockUntilCommitAsync(ErasedCustomer.ErasureLock, customerId, ct);
            if (await db.ErasedCustomers.AnyAsync(e => e.CustomerId == customerId, ct))
            {
                return Refuse(403, "account", "This account was deleted.");
            }
        }

        Promotion? promotion = null;
        if (!string.IsNullOrWhiteSpace(request.DiscountCode))
        {
            var code = Promotion.Normalize(request.DiscountCode);
            // Locks the code's row until commit, so its usage limits hold under concurrent checkouts.
            promotion = await db.Promotions.FromSql($"""SELECT * FROM "Promotions" WHERE "Code" = {code} FOR UPDATE""").SingleOrDefaultAsync(ct);
            var subtotal = lines.Aggregate(Money.Zero(lines[0].UnitPrice.Currency), (sum, l) => sum + l.Total);
            var usedByCustomer = await db.PromotionRedemptions.CountAsync(r => r.Code == code && r.CustomerKey == customerKey, ct);
            var reason = promotion is null ? "This code does not exist." : promotion.WhyNotApplicable(subtotal, usedByCustomer, clock.GetUtcNow());
            if (reason is not null)
            {
                return Refuse(400, "discountCode", reason);
            }
        }

        OrderTotals totals;
        try
        {
            totals = CheckoutPricing.Price(lines, address, request.ShippingMethod, promotion, shipping.Value, tax.Value);
        }
        catch (PricingException pricing)
        {
            return Refuse(400, pricing.Field, pricing.Message);
        }

        var (order, guestToken) = Order.Place(shopper.CustomerId, email.Trim(), lines, address, request.ShippingMethod,
            promotion?.Code, totals, clock.GetUtcNow(), paymentSettings.Value.PaymentWindow, orderId);
        if (promotion is not null)
        {
            promotion.RecordUse();
            db.PromotionRedemptions.Add(new PromotionRedemption(Guid.CreateVersion7(), promotion.Code, customerKey, order.Id, clock.GetUtcNow()));
        }

        db.Orders.Add(order);
        // Deleted in the order's own batch. Already gone means the placement took so long that its stock was released
        // as unfinished: the delete matches no row, and the order is not saved.
        db.PendingPlacements.Remove(new PendingPlacement(orderId, default));
        // A payment kept in our own database starts in this transaction: one commit for the order, its payment and its
        // announcement. A provider's payment starts after this commit, and the order is announced with it.
        PaymentSession? payment = null;
        if (payments.StartsInOrderTransaction)
        {
            payment = await StartPaymentAsync(order, ct);
            AnnouncePlaced(order, basketId, guestToken);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(409, "basketId", "This checkout took too long and its items were put back; place the order again.");
        }

        // Not cancelled by a shopper who leaves: a commit abandoned in flight may still take effect, and the stock
        // released for a failed placement would then leave a saved order with none held.
        await transaction.CommitAsync(CancellationToken.None);
        return new SavedOrder(order, guestToken, payment);
    }

    private Task ForgetPlacementAsync(Guid orderId, CancellationToken ct) =>
        db.PendingPlacements.Where(p => p.OrderId == orderId).ExecuteDeleteAsync(ct);

    /// <summary>The order as saved, with its payment when that was started in the same transaction.</summary>
    private sealed record SavedOrder(Order Order, string? GuestAccessToken, PaymentSession? Payment) : CheckoutOutcome;

    private CheckoutOutcome.Refused Refuse(int status, string field, string message, IReadOnlyList<StockShortage>? shortSkus = null)
    {
        metrics.CheckoutFailed(field);
        return new CheckoutOutcome.Refused(status, field, message, shortSkus);
    }
}
