using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;

namespace Shop.BasketApi.Abandonment;

/// <summary>The one reminder a customer gets for a basket they left.</summary>
public sealed class BasketReminderEmail(IEmailSender email, IConfiguration configuration) : IIntegrationEventHandler<BasketAbandoned>
{
    public Task HandleAsync(BasketAbandoned abandoned, CancellationToken cancellationToken)
    {
        var storefront = (configuration["Storefront:Url"] ?? "http://localhost:5100").TrimEnd('/');
        var items = abandoned.Items.Sum(i => i.Quantity);
        return email.SendAsync(new EmailMessage(abandoned.Email, "You left something in your Shop basket",
            $"Your basket still holds {items} item{(items == 1 ? "" : "s")}. Pick up where you left off: {storefront}/basket\n"), cancellationToken);
    }
}
