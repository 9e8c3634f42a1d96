using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Shop.ServiceDefaults;

/// <summary>
/// A 503 problem with a stable code and a Retry-After, for exception handlers that turn a missing backing store or
/// service into something the client can retry.
/// </summary>
public static class ServiceUnavailableProblem
{
    public static ValueTask<bool> WriteAsync(
        IProblemDetailsService problems, HttpContext httpContext, Exception exception, string code, string title, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails
        {
            Type = $"/problems/{code}",
            Title = title,
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
