using Shop.Messaging;

namespace Shop.OrderingApi.Payments;

/// <summary>A provider says a payment went through. Internal to ordering; the way webhooks arrive, after the fact.</summary>
public sealed record PaymentSucceeded(string Provider, string PaymentReference) : IntegrationEvent;

/// <summary>A provider says an attempt failed; the code is the provider's decline code.</summary>
public sealed record PaymentFailed(string Provider, string PaymentReference, string Code) : IntegrationEvent;
