using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Auth;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;

namespace Shop.IdentityApi.Users;

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed class ChangePasswordValidator : Validator<ChangePasswordRequest>
{
    public ChangePasswordValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(r => r.NewPassword).NotEmpty().Length(12, 128).WithMessage("A password has at least 12 and at most 128 characters.");
    }
}

/// <summary>
/// The signed-in caller changes their password, proving the current one. Wrong guesses count towards the lockout
/// like failed sign-ins; a change signs every session out (their refresh tokens are revoked).
/// </summary>
public sealed class ChangePasswordEndpoint(UserManager<ShopUser> users, Sessions sessions, AccountEmails emails) : Endpoint<ChangePasswordRequest>
{
    public override void Configure() => Post("/api/users/me/password");

    public override async Task HandleAsync(ChangePasswordRequest request, CancellationToken ct)
    {
        var user = await users.FindCallerAsync(User);
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        foreach (var problem in await users.ProblemsWithAsync(user, request.NewPassword))
        {
            AddError(r => r.NewPassword, problem);
        }

        ThrowIfAnyErrors();

        if (await users.IsLockedOutAsync(user))
        {
            ThrowError(r => r.CurrentPassword, "Too many wrong passwords; try again later.");
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await users.AccessFailedAsync(user);
            ThrowError(r => r.CurrentPassword, "The current password is wrong.");
        }

        if (!changed.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", changed.Errors.Select(e => e.Description)));
        }

        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllAsync(user.Id, ct);
        await emails.SendPasswordChangedAsync(user.Email!, ct);
        await Send.NoContentAsync(ct);
    }
}
