using FastEndpoints;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public sealed record GetUserRequest
{
    public Guid Id { get; init; }
}

public sealed record UserDetailResponse(
    Guid Id, string Email, string? DisplayName, string? Phone, bool EmailConfirmed, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool LockedOut);

/// <summary>Staff: one account's profile and roles (no password data); their orders come from the ordering service by email.</summary>
public sealed class GetUserEndpoint(UserManager<ShopUser> users, TimeProvider clock) : Endpoint<GetUserRequest, UserDetailResponse>
{
    public override void Configure()
    {
        Get("/api/users/{Id:guid}");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(GetUserRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(request.Id.ToString());
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        await Send.OkAsync(new UserDetailResponse(user.Id, user.Email ?? "", user.DisplayName, user.PhoneNumber, user.EmailConfirmed,
            roles, user.CreatedAt, user.LockoutEnd > clock.GetUtcNow()), ct);
    }
}
