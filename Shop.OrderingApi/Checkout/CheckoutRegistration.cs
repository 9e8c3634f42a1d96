using Shop.OrderingApi.Idempotency;

namespace Shop.OrderingApi.Checkout;

public static class CheckoutRegistration
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<BasketClient>(client => client.BaseAddress = new("https+http://basket-api"));
        builder.Services.AddHttpClient<CatalogStockClient>(client => client.BaseAddress = new("https+http://catalog-api"));
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<IdempotencyGate>();
        builder.Services.AddSingleton<OrderingMetrics>();
        builder.AddCheckoutRateLimit();
        return builder;
    }
}
