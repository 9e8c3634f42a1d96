using Microsoft.AspNetCore.Diagnostics;
using Shop.CatalogApi.Search.Postgres;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

/// <summary>Search's waiting line is full: 503 with Retry-After, as for any store that cannot answer now.</summary>
public sealed class SearchBusyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SearchBusyException || httpContext.Response.HasStarted)
        {
            return false;
        }

        return await ServiceUnavailableProblem.WriteAsync(problems, httpContext, exception,
            "search-busy", "Search is busy", "Too many searches are waiting. Try again in a few seconds.");
    }
}
