namespace Shop.WebApp.Api;

public static class LocalUrl
{
    /// <summary>
    /// Only this site's own paths ("/x", not "//host" or "/\host"), so a form or link cannot send shoppers elsewhere.
    /// A control character anywhere is refused too: browsers drop tabs and line breaks from a URL ("/\t/host" is
    /// "//host" to them), and ASP.NET's local redirect throws on them, after a form's change was already made.
    /// </summary>
    public static string OrDefault(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : fallback;
}
