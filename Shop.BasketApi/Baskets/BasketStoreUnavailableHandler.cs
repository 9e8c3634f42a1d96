using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails
        {
            Type = "/problems/basket-store-unavailable",
            Title = "Baskets are unavailable",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = "The basket store cannot be reached. Try again in a few seconds.",
        };
        problem.Extensions["code"] = "basket-store-unavailable";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
