using Microsoft.AspNetCore.Diagnostics;
using Shop.ServiceDefaults;
using StackExchange.Redis;

namespace Shop.BasketApi.Baskets;

/// <summary>
/// Redis unreachable: answer 503 at once with a clear problem (and Retry-After) instead of hanging or a 500. The
/// connection multiplexer reconnects by itself, so calls work again as soon as Redis is back.
/// </summary>
public sealed class BasketStoreUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisConnectionException or RedisTimeoutException))
        {
            return false;
        }

        return await ServiceUnavailableProblem.WriteAsync(problems, httpContext, exception,
            "basket-store-unavailable", "Baskets are unavailable", "The basket store cannot be reached. Try again in a few seconds.");
    }
}
