using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults;

/// <summary>How many requests one client may make per window; bound from <c>RateLimits:&lt;policy&gt;</c>.</summary>
public sealed class FixedWindowLimit
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimitExtensions
{
    /// <summary>
    /// A named fixed-window rate-limit policy for endpoints that attract abuse (sign-in, checkout), partitioned by
    /// <paramref name="partitionKey"/> (a signed-in account, or the client address the storefront forwarded);
    /// limits come from <c>RateLimits:&lt;policyName&gt;</c>. Beyond the limit: 429 problem details.
    /// </summary>
    public static IHostApplicationBuilder AddFixedWindowRateLimit(
        this IHostApplicationBuilder builder, string policyName, FixedWindowLimit defaults, Func<HttpContext, string> partitionKey)
    {
        var limit = builder.Configuration.GetSection($"RateLimits:{policyName}").Get<FixedWindowLimit>() ?? defaults;
        Validator.ValidateObject(limit, new ValidationContext(limit), validateAllProperties: true);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(policyName, context => RateLimitPartition.GetFixedWindowLimiter(partitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>The client's address as the storefront's proxy forwarded it (see the forwarded-headers defaults).</summary>
    public static string ClientAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
