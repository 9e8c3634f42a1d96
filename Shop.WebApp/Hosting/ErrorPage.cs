using Microsoft.AspNetCore.Diagnostics;

namespace Shop.WebApp.Hosting;

/// <summary>
/// The error page is re-executed in place of a failed or bare-status answer, with the request's own method. A
/// refused form post would then reach Blazor as a post again, which looks for the form that posted it (and its
/// antiforgery token) and answers with an empty body; so the page is rendered as a GET, the method put back after.
/// </summary>
public static class ErrorPage
{
    public static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    public static async Task RenderAsGetAsync(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            await next(context);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            // Logs, metrics and traces record the method the client sent.
            context.Request.Method = method;
        }
    }
}
