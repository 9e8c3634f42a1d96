namespace Shop.OrderingApi.Domain.Orders;

/// <summary>
/// The short order reference people see in emails and texts. Order ids are UUIDv7, whose leading digits are a
/// timestamp shared by every order in the same minute, so the reference takes the random trailing digits.
/// </summary>
public static class OrderReference
{
    public static string Of(Guid orderId) => orderId.ToString("N")[^10..].ToUpperInvariant();
}
