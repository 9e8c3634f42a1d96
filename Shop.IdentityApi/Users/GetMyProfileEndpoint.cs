using FastEndpoints;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Users;

public sealed record ProfileResponse(
    Guid Id,
    string Email,
    string? DisplayName,
    string? Phone,
    bool EmailConfirmed,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt)
{
    public static async Task<ProfileResponse> ForAsync(UserManager<ShopUser> users, ShopUser user) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.PhoneNumber, user.EmailConfirmed, [.. await users.GetRolesAsync(user)], user.CreatedAt);
}

/// <summary>The signed-in caller's own account.</summary>
public sealed class GetMyProfileEndpoint(UserManager<ShopUser> users) : EndpointWithoutRequest<ProfileResponse>
{
    public override void Configure()
    {
        Get("/api/users/me");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var user = await users.FindCallerAsync(User);
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(await ProfileResponse.ForAsync(users, user), ct);
    }
}
