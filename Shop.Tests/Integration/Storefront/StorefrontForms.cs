using System.Net;
using System.Text.RegularExpressions;

namespace Shop.Tests.Integration.Storefront;

/// <summary>A storefront form as a browser posts it: the hidden fields of the page, antiforgery token included.</summary>
public static partial class StorefrontForms
{
    /// <summary>The page's hidden fields (the first of each name), read with the client's cookies.</summary>
    public static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient client, string page, CancellationToken ct) =>
        HiddenFields(await client.GetStringAsync(page, ct));

    /// <summary>The hidden fields (the first of each name) of a page already read.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match field in HiddenField().Matches(html))
        {
            fields.TryAdd(field.Groups["name"].Value, WebUtility.HtmlDecode(field.Groups["value"].Value));
        }

        Assert.Contains("__RequestVerificationToken", fields.Keys);
        return fields;
    }

    /// <summary>The hidden fields of the page's form named <paramref name="formName"/> (Blazor's <c>_handler</c>), token included.</summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(HttpClient client, string page, string formName, CancellationToken ct)
    {
        var html = await client.GetStringAsync(page, ct);
        var form = Form().Matches(html).Select(m => m.Value).Single(f => f.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal));
        return HiddenFields(form);
    }

    /// <summary>Signs the client in through the sign-in form: its cookies then carry the session.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password, CancellationToken ct)
    {
        var fields = await HiddenFieldsAsync(client, "/account/sign-in", ct);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields), ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient Client(Uri url, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = url };

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
