using Shop.WebApp.Api;

namespace Shop.WebApp.BackOffice;

/// <summary>The identity service's staff endpoints: finding accounts and (admins only) changing roles.</summary>
public sealed class StaffIdentityClient(HttpClient http, ILogger<StaffIdentityClient> logger)
{
    public Task<ApiResult<PageOf<UserSummary>>> ListUsersAsync(string? query, string? role, int page, CancellationToken ct) =>
        Send<PageOf<UserSummary>>(new HttpRequestMessage(HttpMethod.Get, "/api/users" + QueryString.Create(StaffCatalogClient.Query(
            ("query", query), ("role", role), ("page", StaffCatalogClient.Number(page)), ("pageSize", "25")))), ct);

    public Task<ApiResult<UserDetail>> GetUserAsync(Guid id, CancellationToken ct) =>
        Send<UserDetail>(new HttpRequestMessage(HttpMethod.Get, $"/api/users/{id}"), ct);

    public Task<ApiResult<object>> ChangeRoleAsync(Guid id, string role, bool grant, CancellationToken ct) =>
        Send<object>(new HttpRequestMessage(grant ? HttpMethod.Put : HttpMethod.Delete, $"/api/users/{id}/roles/{Uri.EscapeDataString(role)}"), ct);

    private Task<ApiResult<T>> Send<T>(HttpRequestMessage request, CancellationToken ct) => ApiCalls.SendAsync<T>(http, request, logger, ct);
}
