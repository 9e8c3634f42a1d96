namespace Shop.Messaging.Contracts;

/// <summary>A customer left items in their basket: they get one reminder email.</summary>
public sealed record BasketAbandoned(string BasketId, string CustomerId, string Email, IReadOnlyList<OrderedItem> Items) : IntegrationEvent;
