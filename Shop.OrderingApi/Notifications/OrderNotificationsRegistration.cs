using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Notifications;

public static class OrderEmailsRegistration
{
    public static IHostApplicationBuilder AddOrderEmails(this IHostApplicationBuilder builder)
    {
        builder.AddEmail();
        builder.AddValidatedOptions<StorefrontSettings>(StorefrontSettings.Section);
        builder.Services.AddEventHandler<OrderConfirmationRequested, OrderEmails>();
        builder.Services.AddEventHandler<OrderPaid, OrderEmails>();
        builder.Services.AddEventHandler<OrderShipped, OrderEmails>();
        builder.Services.AddEventHandler<OrderCancelled, OrderEmails>();
        builder.Services.AddEventHandler<OrderRefunded, OrderEmails>();
        return builder;
    }
}
