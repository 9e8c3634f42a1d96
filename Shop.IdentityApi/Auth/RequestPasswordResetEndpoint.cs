using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Users;
using Shop.Notifications;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Auth;

public sealed record RequestPasswordResetRequest(string Email);

public sealed record RequestPasswordResetResponse(string Message);

public sealed class RequestPasswordResetValidator : Validator<RequestPasswordResetRequest>
{
    public RequestPasswordResetValidator() => RuleFor(r => r.Email).NotEmpty().MaximumLength(256).Must(EmailAddresses.IsSingleAddress).WithMessage(EmailAddresses.Requirement);
}

/// <summary>
/// Emails a single-use, expiring reset link to the account with this email. The answer is the same whether or not
/// there is one (an address without an account is told so by email instead), so it reveals nothing.
/// </summary>
public sealed class RequestPasswordResetEndpoint(UserManager<ShopUser> users, AccountEmails emails, AccountRateLimits limits)
    : Endpoint<RequestPasswordResetRequest, RequestPasswordResetResponse>
{
    public override void Configure()
    {
        Post("/api/auth/password-reset");
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(AuthRateLimits.PasswordReset));
    }

    public override async Task HandleAsync(RequestPasswordResetRequest request, CancellationToken ct)
    {
        var email = request.Email.Trim();
        if (limits.TryAcquire(AuthRateLimits.PerAccount(AuthRateLimits.PasswordReset), users.NormalizeEmail(email) ?? "") is { } retryAfter)
        {
            await Send.ResultAsync(AccountRateLimits.TooManyRequests(HttpContext, retryAfter));
            return;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await emails.SendPasswordResetWithoutAccountAsync(email, ct);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordResetAsync(user.Email!, user.Id, token, ct);
        }

        await Send.ResponseAsync(new RequestPasswordResetResponse("If an account has this email, a reset link is on its way."),
            StatusCodes.Status202Accepted, ct);
    }
}
