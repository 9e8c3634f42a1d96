using Shop.BasketApi.Baskets;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;

namespace Shop.BasketApi.Abandonment;

/// <summary>
/// The one reminder a customer gets for a basket they left. Sent only if the basket is still there as announced: a
/// reminder that waited (retries, a queue behind) must not follow a checkout, an emptied basket or an erasure.
/// </summary>
public sealed class BasketReminderEmail(IEmailSender email, BasketStore store, IConfiguration configuration) : IIntegrationEventHandler<BasketAbandoned>
{
    public async Task HandleAsync(BasketAbandoned abandoned, CancellationToken cancellationToken)
    {
        var basket = await store.FindAsync(store.Customer(abandoned.CustomerId, abandoned.Email));
        if (basket is null || basket.Id != abandoned.BasketId || basket.Lines.Count == 0)
        {
            return;
        }

        var storefront = (configuration["Storefront:Url"] ?? "http://localhost:5100").TrimEnd('/');
        var items = basket.ItemCount;
        await email.SendAsync(new EmailMessage(abandoned.Email, "You left something in your Shop basket",
            $"Your basket still holds {items} item{(items == 1 ? "" : "s")}. Pick up where you left off: {storefront}/basket\n"), cancellationToken);
    }
}
