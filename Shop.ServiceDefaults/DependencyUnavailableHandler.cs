using System.Net.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Polly;

namespace Shop.ServiceDefaults;

/// <summary>
/// Another service this one calls is down or failing (connection refused, 5xx after retries, open circuit, timeout):
/// answer 503 with a problem the client can retry, not a 500 that reads like a bug here.
/// </summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = exception switch
        {
            HttpRequestException http => http.StatusCode is null || (int)http.StatusCode >= 500,
            ExecutionRejectedException => true,
            _ => false,
        };
        if (!unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        return await ServiceUnavailableProblem.WriteAsync(problems, httpContext, exception,
            "dependency-unavailable", "A service this request needs is unavailable", "Try again in a few seconds.");
    }
}
