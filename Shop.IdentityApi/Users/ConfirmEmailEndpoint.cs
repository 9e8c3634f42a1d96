using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;

namespace Shop.IdentityApi.Users;

public sealed record ConfirmEmailRequest(Guid UserId, string Token);

public sealed class ConfirmEmailValidator : Validator<ConfirmEmailRequest>
{
    public ConfirmEmailValidator()
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.Token).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>Confirms an email from the link sent at registration; an unknown user or a bad or old token look the same.</summary>
public sealed class ConfirmEmailEndpoint(UserManager<ShopUser> users) : Endpoint<ConfirmEmailRequest>
{
    public override void Configure()
    {
        Post("/api/users/confirm-email");
        AllowAnonymous();
    }

    public override async Task HandleAsync(ConfirmEmailRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var confirmed = user is not null && (await users.ConfirmEmailAsync(user, request.Token)).Succeeded;
        if (!confirmed)
        {
            AddError(r => r.Token, "This confirmation link is not valid or has expired.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
