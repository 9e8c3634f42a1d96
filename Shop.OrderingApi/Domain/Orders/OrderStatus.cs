namespace Shop.OrderingApi.Domain.Orders;

/// <summary>Where an order is in its life. Placed → awaiting payment → paid → shipped → delivered, or cancelled.</summary>
public enum OrderStatus
{
    Placed,
    AwaitingPayment,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>An action the order's current state does not allow; the API answers 409 with the current state.</summary>
public sealed class OrderStateConflictException(OrderStatus current, string action)
    : Exception($"An order that is {current} cannot be {action}.")
{
    public OrderStatus Current { get; } = current;
    public string Action { get; } = action;
}
