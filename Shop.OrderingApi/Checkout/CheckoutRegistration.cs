using Shop.OrderingApi.Idempotency;
using Shop.OrderingApi.ServiceIdentity;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

public static class CheckoutRegistration
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<BasketClient>(client => client.BaseAddress = new("https+http://basket-api"));
        // Reserving stock is for Shop's services only: the catalog wants this service's own token with the scope.
        builder.AddServiceIdentity();
        builder.Services.AddHttpClient<CatalogStockClient>(client => client.BaseAddress = new("https+http://catalog-api"))
            .AddServiceToken(ServiceScopes.CatalogStock);
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<IdempotencyGate>();
        builder.Services.AddSingleton<OrderingMetrics>();
        builder.AddCheckoutRateLimit();
        return builder;
    }
}
