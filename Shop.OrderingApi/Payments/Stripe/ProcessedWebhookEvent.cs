namespace Shop.OrderingApi.Payments.Stripe;

/// <summary>A Stripe event already handled; Stripe may deliver one event more than once.</summary>
public sealed record ProcessedWebhookEvent(string EventId, string Type, DateTimeOffset ReceivedAt);
