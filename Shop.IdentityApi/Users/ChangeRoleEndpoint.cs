using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public sealed record ChangeRoleRequest
{
    public Guid Id { get; init; }
    public string Role { get; init; } = "";
}

public sealed class ChangeRoleValidator : Validator<ChangeRoleRequest>
{
    public ChangeRoleValidator() =>
        RuleFor(r => r.Role).Must(r => r is Domain.Roles.Staff or Domain.Roles.Admin).WithMessage("The role is staff or admin.");
}

/// <summary>Admins grant (PUT) and revoke (DELETE) the staff and admin roles; the change shows in the user's next token.</summary>
public sealed class ChangeRoleEndpoint(UserManager<ShopUser> users, Administrators administrators) : Endpoint<ChangeRoleRequest>
{
    public override void Configure()
    {
        Verbs(Http.PUT, Http.DELETE);
        Routes("/api/users/{Id:guid}/roles/{Role}");
        Roles(CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ChangeRoleRequest request, CancellationToken ct)
    {
        // The token says admin as it was when issued (up to 15 minutes ago): an admin revoked since must not be able
        // to grant the role back to themselves, or revoke the admin who revoked them.
        if (await users.FindCallerAsync(User) is not { } caller || !await users.IsInRoleAsync(caller, Domain.Roles.Admin))
        {
            await Send.ForbiddenAsync(ct);
            return;
        }

        var user = await users.FindByIdAsync(request.Id.ToString());
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var granting = HttpContext.Request.Method == HttpMethods.Put;
        if (!granting && request.Role == Domain.Roles.Admin)
        {
            if (!await administrators.ChangeKeepingOneAsync(user, () => ChangeAsync(user, request.Role, granting), ct))
            {
                AddError(r => r.Role, "The last administrator keeps the admin role.");
                await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
                return;
            }
        }
        else
        {
            await ChangeAsync(user, request.Role, granting);
        }

        await Send.NoContentAsync(ct);
    }

    private async Task ChangeAsync(ShopUser user, string role, bool granting)
    {
        var has = await users.IsInRoleAsync(user, role);
        var result = granting switch
        {
            true when !has => await users.AddToRoleAsync(user, role),
            false when has => await users.RemoveFromRoleAsync(user, role),
            _ => IdentityResult.Success,
        };
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
