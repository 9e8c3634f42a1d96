using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Baskets;

/// <summary>
/// A person erased their account: their basket goes, and the account is marked so its still-valid access tokens
/// cannot start another (doing both twice is harmless, so no inbox is needed).
/// </summary>
public sealed class UserErasedHandler(BasketStore store) : IIntegrationEventHandler<UserErased>
{
    public async Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken)
    {
        await store.MarkErasedAsync(integrationEvent.UserId);
        await store.UpdateAsync(store.Customer(integrationEvent.UserId, integrationEvent.Email), _ => null, cancellationToken);
    }
}
