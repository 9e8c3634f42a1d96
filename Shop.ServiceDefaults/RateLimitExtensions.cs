using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        var limit = ReadLimit(builder, policyName, defaults);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectedAsync;
            limiter.AddPolicy(policyName, context => RateLimitPartition.GetFixedWindowLimiter(partitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>
    /// A per-account limit (<c>RateLimits:&lt;policyName&gt;</c>) for requests that name an account in their body (an
    /// email at sign-in, registration, password reset): the rate-limiting middleware runs before the body is read, so
    /// the endpoint checks it through <see cref="AccountRateLimits"/> once it knows the account.
    /// </summary>
    public static IHostApplicationBuilder AddAccountRateLimit(this IHostApplicationBuilder builder, string policyName, FixedWindowLimit defaults)
    {
        var limit = ReadLimit(builder, policyName, defaults);
        builder.Services.TryAddSingleton<AccountRateLimits>();
        builder.Services.Configure<AccountRateLimitOptions>(options => options.Limits[policyName] = limit);
        return builder;
    }

    /// <summary>Beyond the limit: Retry-After (when the limiter knows it) and problem details, like the per-account 429.</summary>
    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Too many requests from this client; try again later.").ExecuteAsync(context);
    }

    /// <summary>The client's address as the storefront's proxy forwarded it (see the forwarded-headers defaults).</summary>
    public static string ClientAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The defaults, overridden by whatever the configuration sets, validated at start.</summary>
    private static FixedWindowLimit ReadLimit(IHostApplicationBuilder builder, string policyName, FixedWindowLimit defaults)
    {
        var limit = new FixedWindowLimit { PermitLimit = defaults.PermitLimit, Window = defaults.Window };
        builder.Configuration.GetSection($"RateLimits:{policyName}").Bind(limit);
        Validator.ValidateObject(limit, new ValidationContext(limit), validateAllProperties: true);
        return limit;
    }
}

public sealed class AccountRateLimitOptions
{
    public Dictionary<string, FixedWindowLimit> Limits { get; } = new(StringComparer.Ordinal);
}

/// <summary>Fixed-window limiters per policy and account; idle partitions are dropped by the limiter itself.</summary>
public sealed class AccountRateLimits(Microsoft.Extensions.Options.IOptions<AccountRateLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one permit for <paramref name="account"/> (already normalized by the caller, so that case and spacing
    /// variants share one partition); null when allowed, otherwise how long until the window ends.
    /// </summary>
    public TimeSpan? TryAcquire(string policyName, string account)
    {
        var limiter = _limiters.GetOrAdd(policyName, name =>
        {
            var limit = options.Value.Limits.TryGetValue(name, out var configured)
                ? configured
                : throw new InvalidOperationException($"No account rate limit named {name} is registered.");
            return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
        });
        using var lease = limiter.AttemptAcquire(account);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.Limits[policyName].Window;
    }

    /// <summary>The 429 answer, with Retry-After in seconds, as problem details like every other error.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Too many requests for this account; try again later.");
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
