using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;

namespace Shop.WebApp.Api;

/// <summary>A field error from a problem details answer: the field as the API names it (camelCase) and why.</summary>
public sealed record FieldError(string Name, string Reason);

/// <summary>Why an API call did not succeed, in words a page can show next to the form.</summary>
public sealed record ApiProblem(HttpStatusCode? Status, string Message, string? Code, IReadOnlyList<FieldError> Errors)
{
    public static readonly ApiProblem Unavailable =
        new(null, "We could not reach the store just now. Please try again in a moment.", "unavailable", []);

    /// <summary>
    /// The reason the API gave for a field (its name as the API spells it), if any; else for a part of it, named
    /// ("attributes.material" shows at the attributes field as "material: …").
    /// </summary>
    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase))?.Reason
        ?? Errors.Where(e => e.Name.Length > field.Length + 1 && e.Name.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Name[(field.Length + 1)..]}: {e.Reason}").FirstOrDefault();

    /// <summary>
    /// The service answered and refused (4xx), so nothing was done and a corrected request is a new one. Not when a
    /// retry met the first request still at work, nor when no answer came (that request may have gone through).
    /// </summary>
    public bool IsDefiniteRefusal =>
        Status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError && Code != "idempotency-key-in-use";

    /// <summary>
    /// As a form shows it: <paramref name="checkFields"/> above the form when an error is marked on one of its
    /// <paramref name="fields"/>; otherwise the service's own reason, since nothing on the form would say it.
    /// </summary>
    public ApiProblem ForForm(IReadOnlyCollection<string> fields, string checkFields) =>
        Errors.Any(e => fields.Contains(e.Name, StringComparer.OrdinalIgnoreCase)) ? this with { Message = checkFields } : this;
}

/// <summary>An API answer: a value, or the problem. Pages decide what to show; nothing here throws for a refusal.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem);
}

public static class ApiCalls
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Sends a request and reads its JSON answer or its RFC 9457 problem. A service that does not answer (or the
    /// resilience handler giving up) is a problem too, so a page can say so and keep what the shopper typed.
    /// </summary>
    public static async Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpRequestMessage request, ILogger logger, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(WebJson, ct);
                return new ApiResult<T>(value, null);
            }

            return await ProblemFromAsync(response, ct);
        }
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException or JsonException or TaskCanceledException
                                          && !ct.IsCancellationRequested)
        {
            // The path only: a query can carry a secret (a guest order link's token).
            logger.LogWarning(exception, "{Method} {Path} failed", request.Method, PathOf(request.RequestUri));
            return ApiProblem.Unavailable;
        }
    }

    /// <summary>The address without its query string, for logs.</summary>
    public static string? PathOf(Uri? uri) => uri is null ? null : uri.OriginalString.Split('?', 2)[0];

    public static HttpRequestMessage Json<TBody>(HttpMethod method, string uri, TBody body) =>
        new(method, uri) { Content = JsonContent.Create(body, options: WebJson) };

    private static async Task<ApiProblem> ProblemFromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var fallback = response.StatusCode switch
        {
            HttpStatusCode.NotFound => "We could not find that.",
            HttpStatusCode.Unauthorized => "Please sign in again.",
            HttpStatusCode.Forbidden => "You are not allowed to do that.",
            HttpStatusCode.TooManyRequests => "Too many attempts; please wait a minute and try again.",
            >= HttpStatusCode.InternalServerError => ApiProblem.Unavailable.Message,
            _ => "That did not work. Please check and try again.",
        };

        JsonElement body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonElement>(WebJson, ct);
        }
        catch (JsonException)
        {
            return new ApiProblem(response.StatusCode, fallback, null, []);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return new ApiProblem(response.StatusCode, fallback, null, []);
        }

        var errors = new List<FieldError>();
        if (body.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            errors.AddRange(list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => new FieldError(
                    e.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
                    e.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "")));
        }

        // OAuth errors (the token endpoint) use error_description; problem details use detail.
        var message = Text(body, "detail") ?? Text(body, "error_description")
            ?? errors.FirstOrDefault(e => e.Name is "" or "generalErrors")?.Reason ?? fallback;
        return new ApiProblem(response.StatusCode, message, Text(body, "code") ?? Text(body, "error"), errors);
    }

    private static string? Text(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
