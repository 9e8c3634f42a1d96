namespace Shop.Messaging.Contracts;

/// <summary>
/// A product was created, changed (details, price, publication, category or brand, a variant selling out or coming
/// back, rating) or deleted: search indexes and caches re-read it from the catalog. Carries only the id so a late
/// message never writes stale data.
/// </summary>
public sealed record ProductChanged(Guid ProductId) : IntegrationEvent;
