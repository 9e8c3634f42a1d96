using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Shop.ServiceDefaults;

/// <summary>
/// Answers an API client whose request could not be read (see <see cref="UnreadableRequest"/>) with a problem naming
/// the body and the reader's reason, such as the size limit it broke. A browser's request is left to the app's error
/// page, which takes its status from <see cref="UnreadableRequest.ApplyTo"/>.
/// </summary>
public sealed class UnreadableRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UnreadableRequest.StatusOf(exception) is not { } status || httpContext.Response.HasStarted || WantsHtml(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails();
        UnreadableRequest.Describe(problem, exception);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
