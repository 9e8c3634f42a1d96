using Microsoft.Extensions.Options;
using Shop.Messaging;
using Shop.OrderingApi.Payments.Stripe;
using Shop.OrderingApi.Payments.TestGateway;
using Shop.ServiceDefaults;
using Stripe;

namespace Shop.OrderingApi.Payments;

public static class PaymentsRegistration
{
    /// <summary>Stripe when a secret key is configured, the built-in test gateway otherwise.</summary>
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<PaymentSettings>(PaymentSettings.Section);
        builder.Services.AddScoped<PaymentSettlement>();

        var settings = builder.Configuration.GetSection(PaymentSettings.Section).Get<PaymentSettings>() ?? new PaymentSettings();
        if (!settings.UseStripe)
        {
            builder.Services.AddScoped<IPaymentGateway, TestPaymentGateway>();
            return builder;
        }

        builder.Services.AddHttpClient("stripe");
        builder.Services.AddSingleton<IStripeClient>(services =>
        {
            var stripe = services.GetRequiredService<IOptions<PaymentSettings>>().Value.Stripe;
            var http = new SystemNetHttpClient(services.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"));
            return new StripeClient(stripe.SecretKey, httpClient: http, apiBase: stripe.ApiBase);
        });
        builder.Services.AddScoped<IPaymentGateway, StripePaymentGateway>();
        return builder;
    }
}
