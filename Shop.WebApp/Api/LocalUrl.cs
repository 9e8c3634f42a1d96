namespace Shop.WebApp.Api;

public static class LocalUrl
{
    /// <summary>Only this site's own paths ("/x", not "//host" or "/\host"), so a form or link cannot send shoppers elsewhere.</summary>
    public static string OrDefault(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : fallback;
}
