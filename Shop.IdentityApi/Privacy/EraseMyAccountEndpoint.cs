using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Users;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;

namespace Shop.IdentityApi.Privacy;

/// <summary>The password again: erasing an account cannot be undone, so a stolen access token alone is not enough.</summary>
public sealed record EraseAccountRequest(string Password);

public sealed class EraseAccountValidator : Validator<EraseAccountRequest>
{
    public EraseAccountValidator() => RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
}

/// <summary>
/// Erases the caller's account: the account, its roles, addresses and tokens go, and <see cref="UserErased"/> is
/// written to the outbox in the same transaction, so the other services are told exactly when the account is gone
/// (ordering anonymizes the orders, the basket service deletes the basket).
/// </summary>
public sealed class EraseMyAccountEndpoint(UserManager<ShopUser> users, IdentityDbContext db, Administrators administrators) : Endpoint<EraseAccountRequest>
{
    public override void Configure() => Delete("/api/users/me");

    public override async Task HandleAsync(EraseAccountRequest request, CancellationToken ct)
    {
        var user = await users.FindCallerAsync(User);
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        if (await users.IsLockedOutAsync(user))
        {
            ThrowError(r => r.Password, "Too many wrong passwords; try again later.");
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            ThrowError(r => r.Password, "The password is wrong.");
        }

        var subject = user.Id.ToString();
        var erased = await administrators.ChangeKeepingOneAsync(user, async () =>
        {
            // A second erasure at once (a double click) waited for the first here: the account is gone, as asked.
            if (!await db.Users.AnyAsync(u => u.Id == user.Id, ct))
            {
                return;
            }

            await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == subject).ExecuteDeleteAsync(ct);
            await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == subject).ExecuteDeleteAsync(ct);
            db.AddIntegrationEvent(new UserErased(subject, user.Email!));
            // Roles, claims, logins and addresses go with the account (cascading deletes); the outbox row is saved
            // by the same SaveChanges.
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", deleted.Errors.Select(e => e.Description)));
            }
        }, ct);
        if (!erased)
        {
            AddError("The last administrator cannot erase their account; make another administrator first.");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
