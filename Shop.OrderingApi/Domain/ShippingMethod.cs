namespace Shop.OrderingApi.Domain;

/// <summary>A way to ship an order, such as standard or express delivery.</summary>
public sealed class ShippingMethod
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int MinDeliveryDays { get; private set; }
    public int MaxDeliveryDays { get; private set; }
    public bool IsActive { get; private set; } = true;

    private ShippingMethod() { }

    public ShippingMethod(string code, string name, int minDeliveryDays, int maxDeliveryDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minDeliveryDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeliveryDays, minDeliveryDays);
        Code = code;
        Name = name;
        MinDeliveryDays = minDeliveryDays;
        MaxDeliveryDays = maxDeliveryDays;
    }
}
