namespace Shop.WebApp.Seo;

/// <summary>The site's absolute base URL as the browser reached it (forwarded headers already applied).</summary>
public static class SiteUrl
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
