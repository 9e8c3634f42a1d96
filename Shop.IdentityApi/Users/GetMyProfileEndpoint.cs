using FastEndpoints;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Users;

public sealed record ProfileResponse(Guid Id, string Email, string? DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles);

/// <summary>The signed-in caller's own account; the subject of the token decides whose, never a parameter.</summary>
public sealed class GetMyProfileEndpoint(UserManager<ShopUser> users) : EndpointWithoutRequest<ProfileResponse>
{
    public override void Configure()
    {
        Get("/api/users/me");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var user = User.FindFirst("sub")?.Value is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var roles = await users.GetRolesAsync(user);
        await Send.OkAsync(new ProfileResponse(user.Id, user.Email ?? "", user.DisplayName, user.EmailConfirmed, roles.ToList()), ct);
    }
}
