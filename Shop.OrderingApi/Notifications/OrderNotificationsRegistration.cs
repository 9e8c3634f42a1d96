using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Notifications;

public static class OrderNotificationsRegistration
{
    /// <summary>Emails for each step of an order, and texts when it is paid and shipped if an SMS provider is configured.</summary>
    public static IHostApplicationBuilder AddOrderNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddEmail();
        builder.AddValidatedOptions<StorefrontSettings>(StorefrontSettings.Section);
        builder.Services.AddEventHandler<OrderConfirmationRequested, OrderEmails>();
        builder.Services.AddEventHandler<OrderPaid, OrderEmails>();
        builder.Services.AddEventHandler<OrderShipped, OrderEmails>();
        builder.Services.AddEventHandler<OrderCancelled, OrderEmails>();
        builder.Services.AddEventHandler<OrderRefunded, OrderEmails>();
        builder.AddSms();
        // Each handler has its own inbox entry per event: without a provider, texts would cost every paid and
        // shipped order a transaction and an order read for nothing.
        if (builder.Services.Any(d => d.ServiceType == typeof(ISmsSender)))
        {
            builder.Services.AddEventHandler<OrderPaid, OrderTextMessages>();
            builder.Services.AddEventHandler<OrderShipped, OrderTextMessages>();
        }

        return builder;
    }
}
