using Shop.Messaging;
using Shop.Messaging.Contracts;

namespace Shop.BasketApi.Baskets;

/// <summary>A person erased their account: their basket goes (deleting twice is harmless, so no inbox is needed).</summary>
public sealed class UserErasedHandler(BasketStore store) : IIntegrationEventHandler<UserErased>
{
    public Task HandleAsync(UserErased integrationEvent, CancellationToken cancellationToken) =>
        store.UpdateAsync(store.Customer(integrationEvent.UserId, integrationEvent.Email), _ => null, cancellationToken);
}
