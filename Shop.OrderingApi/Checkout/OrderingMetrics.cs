using System.Diagnostics.Metrics;

namespace Shop.OrderingApi.Checkout;

/// <summary>Business metrics, exported with the rest of the service's telemetry.</summary>
public sealed class OrderingMetrics
{
    public const string MeterName = "Shop.Ordering";

    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<long> _revenue;
    private readonly Counter<long> _checkoutFailures;

    public OrderingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ordersPlaced = meter.CreateCounter<long>("shop.orders.placed", description: "Orders placed");
        _revenue = meter.CreateCounter<long>("shop.orders.revenue", unit: "{minor unit}", description: "Order totals placed, in minor units");
        _checkoutFailures = meter.CreateCounter<long>("shop.checkout.failures", description: "Checkouts refused, by reason");
    }

    public void OrderPlaced(long total, string currency)
    {
        _ordersPlaced.Add(1);
        _revenue.Add(total, new KeyValuePair<string, object?>("currency", currency));
    }

    public void CheckoutFailed(string reason) => _checkoutFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
