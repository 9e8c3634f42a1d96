namespace Shop.Messaging.Contracts;

/// <summary>
/// A person erased their account: every service deletes or anonymizes what it holds about them
/// (orders keep their amounts for the books but lose the personal fields).
/// </summary>
public sealed record UserErased(string UserId, string Email) : IntegrationEvent;
