using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Shop.WebApp.Api;

namespace Shop.WebApp.Accounts;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record Profile(Guid Id, string Email, string? DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles);

/// <summary>
/// The identity service, called from the server: the browser never sees a token. Tokens come from its OAuth token
/// endpoint (password and refresh_token grants, no client secret: the service accepts public clients).
/// </summary>
public sealed class IdentityClient(HttpClient http, ILogger<IdentityClient> logger)
{
    public Task<ApiResult<TokenResponse>> SignInAsync(string email, string password, CancellationToken ct) =>
        TokenAsync(ct, ("grant_type", "password"), ("username", email), ("password", password), ("scope", "offline_access"));

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, CancellationToken ct) =>
        TokenAsync(ct, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    public Task<ApiResult<object>> RevokeAsync(string refreshToken, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, Form("/api/auth/revoke", ("token", refreshToken), ("token_type_hint", "refresh_token")), logger, ct);

    public Task<ApiResult<object>> RegisterAsync(string email, string password, string? displayName, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Post, "/api/users", new { email, password, displayName }), logger, ct);

    public Task<ApiResult<object>> ConfirmEmailAsync(Guid userId, string token, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Post, "/api/users/confirm-email", new { userId, token }), logger, ct);

    public Task<ApiResult<object>> RequestPasswordResetAsync(string email, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Post, "/api/auth/password-reset", new { email }), logger, ct);

    public Task<ApiResult<object>> ResetPasswordAsync(Guid userId, string token, string newPassword, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Post, "/api/auth/password-reset/confirm", new { userId, token, newPassword }), logger, ct);

    /// <summary>Whose token this is; asked with the token just issued, before the session exists.</summary>
    public Task<ApiResult<Profile>> GetProfileAsync(string accessToken, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return ApiCalls.SendAsync<Profile>(http, request, logger, ct);
    }

    private Task<ApiResult<TokenResponse>> TokenAsync(CancellationToken ct, params (string Key, string Value)[] fields) =>
        ApiCalls.SendAsync<TokenResponse>(http, Form("/api/auth/token", fields), logger, ct);

    private static HttpRequestMessage Form(string uri, params (string Key, string Value)[] fields) =>
        new(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) };
}
