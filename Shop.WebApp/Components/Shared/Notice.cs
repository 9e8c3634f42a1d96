namespace Shop.WebApp.Components.Shared;

/// <summary>
/// A message for the page a form redirects to (post, redirect, get): kept for one request in a short-lived cookie
/// rather than the URL, so nobody can craft a link that shows the store saying something it did not say.
/// </summary>
public static class Notice
{
    public const string CookieName = "shop.notice";

    public static void Set(HttpContext context, string message, bool isError) =>
        context.Response.Cookies.Append(CookieName, (isError ? "e:" : "i:") + message, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(1),
        });

    /// <summary>The pending message, if any; reading it clears it.</summary>
    public static (string Message, bool IsError)? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value is not { Length: > 2 })
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName);
        return (value[2..], value.StartsWith("e:", StringComparison.Ordinal));
    }
}
