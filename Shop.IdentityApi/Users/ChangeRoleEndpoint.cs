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
public sealed class ChangeRoleEndpoint(UserManager<ShopUser> users) : Endpoint<ChangeRoleRequest>
{
    public override void Configure()
    {
        Verbs(Http.PUT, Http.DELETE);
        Routes("/api/users/{Id:guid}/roles/{Role}");
        Roles(CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(ChangeRoleRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(request.Id.ToString());
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var granting = HttpContext.Request.Method == HttpMethods.Put;
        if (!granting && request.Role == Domain.Roles.Admin && (await users.GetUsersInRoleAsync(Domain.Roles.Admin)).Count == 1
            && await users.IsInRoleAsync(user, Domain.Roles.Admin))
        {
            AddError(r => r.Role, "The last administrator keeps the admin role.");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        var has = await users.IsInRoleAsync(user, request.Role);
        var result = granting switch
        {
            true when !has => await users.AddToRoleAsync(user, request.Role),
            false when has => await users.RemoveFromRoleAsync(user, request.Role),
            _ => IdentityResult.Success,
        };
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await Send.NoContentAsync(ct);
    }
}
