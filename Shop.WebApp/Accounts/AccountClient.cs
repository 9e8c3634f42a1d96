using Shop.WebApp.Api;

namespace Shop.WebApp.Accounts;

public sealed record AccountProfile(Guid Id, string Email, string? DisplayName, string? Phone, bool EmailConfirmed, IReadOnlyList<string> Roles);

/// <summary>An address as the identity service keeps it; Kind is "shipping" or "billing".</summary>
public sealed record AccountAddress(
    Guid Id, string Kind, string Name, string Line1, string? Line2, string City, string? Region, string PostalCode,
    string Country, string? Phone, bool IsDefault)
{
    public AddressInput ToInput(bool makeDefault) => new()
    {
        Kind = Kind, Name = Name, Line1 = Line1, Line2 = Line2, City = City, Region = Region, PostalCode = PostalCode,
        Country = Country, Phone = Phone, IsDefault = makeDefault,
    };
}

/// <summary>The address form's fields, sent as they are: the identity service checks them and names what is wrong.</summary>
public sealed class AddressInput
{
    public string? Kind { get; set; } = "shipping";
    public string? Name { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Phone { get; set; }
    public bool IsDefault { get; set; }
}

/// <summary>The signed-in shopper's own account at the identity service, called as them (see <see cref="AccessTokenHandler"/>).</summary>
public sealed class AccountClient(HttpClient http, ILogger<AccountClient> logger)
{
    public Task<ApiResult<AccountProfile>> GetProfileAsync(CancellationToken ct) =>
        ApiCalls.SendAsync<AccountProfile>(http, new HttpRequestMessage(HttpMethod.Get, "/api/users/me"), logger, ct);

    public Task<ApiResult<AccountProfile>> UpdateProfileAsync(string? displayName, string? phone, CancellationToken ct) =>
        ApiCalls.SendAsync<AccountProfile>(http, ApiCalls.Json(HttpMethod.Put, "/api/users/me", new { displayName, phone }), logger, ct);

    public Task<ApiResult<List<AccountAddress>>> ListAddressesAsync(CancellationToken ct) =>
        ApiCalls.SendAsync<List<AccountAddress>>(http, new HttpRequestMessage(HttpMethod.Get, "/api/users/me/addresses"), logger, ct);

    public Task<ApiResult<AccountAddress>> AddAddressAsync(AddressInput address, CancellationToken ct) =>
        ApiCalls.SendAsync<AccountAddress>(http, ApiCalls.Json(HttpMethod.Post, "/api/users/me/addresses", address), logger, ct);

    public Task<ApiResult<AccountAddress>> UpdateAddressAsync(Guid id, AddressInput address, CancellationToken ct) =>
        ApiCalls.SendAsync<AccountAddress>(http, ApiCalls.Json(HttpMethod.Put, $"/api/users/me/addresses/{id}", address), logger, ct);

    public Task<ApiResult<object>> DeleteAddressAsync(Guid id, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, new HttpRequestMessage(HttpMethod.Delete, $"/api/users/me/addresses/{id}"), logger, ct);

    public Task<ApiResult<object>> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Post, "/api/users/me/password", new { currentPassword, newPassword }), logger, ct);

    /// <summary>Everything the store keeps about the shopper, as the identity service assembles it (JSON).</summary>
    public Task<ApiResult<System.Text.Json.JsonElement>> ExportAsync(CancellationToken ct) =>
        ApiCalls.SendAsync<System.Text.Json.JsonElement>(http, new HttpRequestMessage(HttpMethod.Get, "/api/users/me/export"), logger, ct);

    public Task<ApiResult<object>> EraseAsync(string password, CancellationToken ct) =>
        ApiCalls.SendAsync<object>(http, ApiCalls.Json(HttpMethod.Delete, "/api/users/me", new { password }), logger, ct);
}
