using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Domain.Promotions;

namespace Shop.OrderingApi.Domain.Pricing;

/// <summary>Thrown when an order cannot be priced as asked; the field names what to change.</summary>
public sealed class PricingException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Works out an order's totals from catalog prices, the shipping method, the address and a discount code.</summary>
public static class CheckoutPricing
{
    public static OrderTotals Price(
        IReadOnlyList<OrderLine> lines,
        Address address,
        string shippingMethod,
        Promotion? promotion,
        ShippingSettings shipping,
        TaxSettings tax)
    {
        var currency = lines[0].UnitPrice.Currency;
        var subtotal = lines.Aggregate(Money.Zero(currency), (sum, line) => sum + line.Total);
        var discount = promotion?.DiscountOn(subtotal) ?? Money.Zero(currency);
        var discounted = subtotal - discount;

        var shippingPrice = shipping.PriceFor(shippingMethod, address.Country, lines.Sum(l => l.WeightGrams), discounted.Amount)
            ?? throw new PricingException("shippingMethod", $"'{shippingMethod}' does not deliver this order to {address.Country}.");
        var shippingCost = new Money(shippingPrice, currency);

        var taxable = discounted + shippingCost;
        var rate = tax.RateFor(address.Country, address.Region);
        if (tax.PricesIncludeTax)
        {
            // The tax inside a gross amount: gross × rate / (1 + rate).
            var included = new Money((long)Math.Round(taxable.Amount * (decimal)rate / (10_000m + rate), MidpointRounding.AwayFromZero), currency);
            return new OrderTotals(subtotal, discount, shippingCost, included, taxable, TaxIncluded: true, rate);
        }

        var added = taxable.Share(rate);
        return new OrderTotals(subtotal, discount, shippingCost, added, taxable + added, TaxIncluded: false, rate);
    }
}
