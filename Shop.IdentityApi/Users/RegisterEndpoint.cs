using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.IdentityApi.Auth;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Passwords;
using Shop.IdentityApi.Validation;
using Shop.Notifications;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Users;

public sealed record RegisterRequest(string Email, string Password, string? DisplayName);

public sealed record RegisterResponse(string Message);

public sealed class RegisterValidator : Validator<RegisterRequest>
{
    public RegisterValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256).Must(EmailAddresses.IsSingleAddress).WithMessage(EmailAddresses.Requirement);
        RuleFor(r => r.Password).NotEmpty().Length(12, 128).WithMessage("A password has at least 12 and at most 128 characters.");
        RuleFor(r => r.DisplayName).DisplayName();
    }
}

/// <summary>
/// Creates a customer account and emails a confirmation link. The answer is the same whether or not the email
/// already has an account (its owner is told by email instead), so registration reveals nothing.
/// </summary>
public sealed class RegisterEndpoint(UserManager<ShopUser> users, AccountEmails emails, AccountRateLimits limits, DummyPasswordCheck dummy)
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
        var email = request.Email.Trim();
        if (limits.TryAcquire(AuthRateLimits.PerAccount(AuthRateLimits.Registration), users.NormalizeEmail(email) ?? "") is { } retryAfter)
        {
            await Send.ResultAsync(AccountRateLimits.TooManyRequests(HttpContext, retryAfter));
            return;
        }

        var candidate = new ShopUser { UserName = email, Email = email, DisplayName = request.DisplayName };
        // Password rules first, for known and unknown emails alike.
        foreach (var problem in await users.ProblemsWithAsync(candidate, request.Password))
        {
            AddError(r => r.Password, problem);
        }

        ThrowIfAnyErrors();

        if (await users.FindByEmailAsync(email) is not null)
        {
            // A new account's password is hashed; hash as long for a known email, so timing does not tell them apart.
            dummy.Verify(request.Password);
            await emails.SendAlreadyRegisteredAsync(email, ct);
        }
        else if (await CreateAsync(candidate, request.Password) is { } created)
        {
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(candidate, Domain.Roles.Customer);
            var token = await users.GenerateEmailConfirmationTokenAsync(candidate);
            await emails.SendConfirmationAsync(email, candidate.Id, token, ct);
        }

        await Send.ResponseAsync(new RegisterResponse("Check your email to confirm your account."), StatusCodes.Status202Accepted, ct);
    }

    /// <summary>
    /// The outcome of creating the account; null when the email was registered meanwhile by a request that got there
    /// first, which sends the confirmation: the answer is the same.
    /// </summary>
    private async Task<IdentityResult?> CreateAsync(ShopUser candidate, string password)
    {
        try
        {
            var created = await users.CreateAsync(candidate, password);
            return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? null
                : created;
        }
        catch (DbUpdateException duplicate) when (duplicate.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Both passed Identity's uniqueness check before either was saved; the user name's unique index kept one.
            return null;
        }
    }
}
