using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;
using Shop.IdentityApi.Users;
using Shop.Notifications;

namespace Shop.IdentityApi.Auth;

/// <summary>The account is named by the id in the emailed link, or by its email.</summary>
public sealed record ConfirmPasswordResetRequest(Guid? UserId, string? Email, string Token, string NewPassword);

public sealed class ConfirmPasswordResetValidator : Validator<ConfirmPasswordResetRequest>
{
    public ConfirmPasswordResetValidator()
    {
        RuleFor(r => r.UserId).NotEmpty().When(r => string.IsNullOrWhiteSpace(r.Email)).WithMessage("Give the userId from the link, or the email.");
        RuleFor(r => r.Email).MaximumLength(256).Must(EmailAddresses.IsSingleAddress).WithMessage(EmailAddresses.Requirement).When(r => !string.IsNullOrWhiteSpace(r.Email));
        RuleFor(r => r.Token).NotEmpty().MaximumLength(2000);
        RuleFor(r => r.NewPassword).NotEmpty().Length(12, 128).WithMessage("A password has at least 12 and at most 128 characters.");
    }
}

/// <summary>
/// Sets a new password from a reset link. The token works once (the reset changes the account's security stamp,
/// which it is bound to) and only for <c>Identity:PasswordResetTokenLifetime</c>. Every session is signed out, a
/// lockout is lifted, and the email counts as confirmed: the link proved the caller reads that inbox.
/// </summary>
public sealed class ConfirmPasswordResetEndpoint(UserManager<ShopUser> users, Sessions sessions, AccountEmails emails)
    : Endpoint<ConfirmPasswordResetRequest>
{
    private const string InvalidLink = "This reset link is not valid, has expired or was already used.";

    public override void Configure()
    {
        Post("/api/auth/password-reset/confirm");
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(AuthRateLimits.PasswordReset));
    }

    public override async Task HandleAsync(ConfirmPasswordResetRequest request, CancellationToken ct)
    {
        var user = request.UserId is { } userId
            ? await users.FindByIdAsync(userId.ToString())
            : await users.FindByEmailAsync(request.Email!);

        // Password rules first, for known and unknown accounts alike.
        foreach (var problem in await users.ProblemsWithAsync(user ?? new ShopUser(), request.NewPassword))
        {
            AddError(r => r.NewPassword, problem);
        }

        ThrowIfAnyErrors();

        var reset = user is null ? IdentityResult.Failed() : await users.ResetPasswordAsync(user, request.Token, request.NewPassword);
        if (!reset.Succeeded)
        {
            ThrowError(r => r.Token, InvalidLink);
        }

        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        if (!user!.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await sessions.EndAllAsync(user.Id, ct);
        await emails.SendPasswordChangedAsync(user.Email!, ct);
        await Send.NoContentAsync(ct);
    }
}
