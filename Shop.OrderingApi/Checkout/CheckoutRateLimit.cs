using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Checkout;

/// <summary>Bound from <c>RateLimits:Checkout</c>: how many checkouts one client may start per window.</summary>
public sealed class CheckoutRateLimitSettings
{
    public const string Section = "RateLimits:Checkout";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Checkout is rate limited per signed-in customer, or per client address for guests; 429 beyond it.</summary>
public static class CheckoutRateLimit
{
    public const string PolicyName = "checkout";

    public static IHostApplicationBuilder AddCheckoutRateLimit(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<CheckoutRateLimitSettings>(CheckoutRateLimitSettings.Section);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<CheckoutRateLimitSettings>>().Value;
                var partition = context.User.SubjectId() ?? "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}
