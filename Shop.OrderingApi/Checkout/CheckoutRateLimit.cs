using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

/// <summary>Checkout is rate limited per signed-in customer, or per client address for guests (<c>RateLimits:checkout</c>).</summary>
public static class CheckoutRateLimit
{
    public const string PolicyName = "checkout";

    public static IHostApplicationBuilder AddCheckoutRateLimit(this IHostApplicationBuilder builder) =>
        builder.AddFixedWindowRateLimit(PolicyName, new FixedWindowLimit { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
            context => context.User.SubjectId() ?? "ip:" + context.ClientAddress());
}
