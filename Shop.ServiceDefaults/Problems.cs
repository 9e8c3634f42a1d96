using Microsoft.AspNetCore.Http;

namespace Shop.ServiceDefaults;

/// <summary>RFC 9457 problem details for refusals that are not field errors (403, 404, 409), with a stable code.</summary>
public static class Problems
{
    public static async Task SendProblemAsync(this HttpContext http, int status, string code, string detail, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new
        {
            type = $"/problems/{code}",
            title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            status,
            detail,
            code,
        }, options: null, contentType: "application/problem+json", cancellationToken: ct);
    }
}
