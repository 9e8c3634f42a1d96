using Microsoft.AspNetCore.Routing;

namespace Shop.WebApp.Hosting;

/// <summary>
/// HEAD answered like GET, without the body (Kestrel writes none for HEAD): uptime monitors, link checkers and
/// crawlers ask with HEAD, and Razor component pages take only GET and POST, so HEAD was a 405.
/// </summary>
public static class HeadRequests
{
    public static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // Routing reads the last method metadata, so the widened list added here replaces the page's own.
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
            }
        });
        return builder;
    }
}
