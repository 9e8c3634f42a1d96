namespace Shop.OrderingApi.Domain.Orders;

/// <summary>One change to an order, kept for ever: who or what did it, when, and to which state.</summary>
public sealed record OrderHistoryEntry(DateTimeOffset At, OrderStatus Status, string Event, string Actor, string? Note);
