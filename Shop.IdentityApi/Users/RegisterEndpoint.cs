using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Auth;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public sealed record RegisterRequest(string Email, string Password, string? DisplayName);

public sealed record RegisterResponse(string Message);

public sealed class RegisterValidator : Validator<RegisterRequest>
{
    public RegisterValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().Length(12, 128).WithMessage("A password has at least 12 and at most 128 characters.");
        RuleFor(r => r.DisplayName).MaximumLength(100);
    }
}

/// <summary>
/// Creates a customer account and emails a confirmation link. The answer is the same whether or not the email
/// already has an account (its owner is told by email instead), so registration reveals nothing.
/// </summary>
public sealed class RegisterEndpoint(UserManager<ShopUser> users, AccountEmails emails, AccountRateLimits limits)
    : Endpoint<RegisterRequest, RegisterResponse>
{
    public override void Configure()
    {
        Post("/api/users");
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(AuthRateLimits.Registration));
    }

    public override async Task HandleAsync(RegisterRequest request, CancellationToken ct)
    {
        if (limits.TryAcquire(AuthRateLimits.PerAccount(AuthRateLimits.Registration), users.NormalizeEmail(request.Email.Trim()) ?? "") is { } retryAfter)
        {
            await Send.ResultAsync(AccountRateLimits.TooManyRequests(HttpContext, retryAfter));
            return;
        }

        var candidate = new ShopUser { UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName };
        // Password rules first, for known and unknown emails alike.
        foreach (var problem in await users.ProblemsWithAsync(candidate, request.Password))
        {
            AddError(r => r.Password, problem);
        }

        ThrowIfAnyErrors();

        if (await users.FindByEmailAsync(request.Email) is not null)
        {
            await emails.SendAlreadyRegisteredAsync(request.Email, ct);
        }
        else
        {
            var created = await users.CreateAsync(candidate, request.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(candidate, Domain.Roles.Customer);
            var token = await users.GenerateEmailConfirmationTokenAsync(candidate);
            await emails.SendConfirmationAsync(request.Email, candidate.Id, token, ct);
        }

        await Send.ResponseAsync(new RegisterResponse("Check your email to confirm your account."), StatusCodes.Status202Accepted, ct);
    }
}
