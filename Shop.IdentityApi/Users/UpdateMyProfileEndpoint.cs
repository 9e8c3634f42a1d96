using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Domain;
using Shop.IdentityApi.Validation;

namespace Shop.IdentityApi.Users;

/// <summary>The whole editable profile: a field left out or null is cleared.</summary>
public sealed record UpdateProfileRequest(string? DisplayName, string? Phone);

public sealed class UpdateProfileValidator : Validator<UpdateProfileRequest>
{
    public UpdateProfileValidator()
    {
        RuleFor(r => r.DisplayName).DisplayName();
        RuleFor(r => r.Phone).PhoneNumber();
    }
}

/// <summary>The signed-in caller edits their own display name and phone number.</summary>
public sealed class UpdateMyProfileEndpoint(UserManager<ShopUser> users) : Endpoint<UpdateProfileRequest, ProfileResponse>
{
    public override void Configure() => Put("/api/users/me");

    public override async Task HandleAsync(UpdateProfileRequest request, CancellationToken ct)
    {
        var user = await users.FindCallerAsync(User);
        if (user is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        user.DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        // A changed number is saved through SetPhoneNumber, which also marks it unconfirmed.
        var updated = phone != user.PhoneNumber ? await users.SetPhoneNumberAsync(user, phone) : await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Description)));
        }

        await Send.OkAsync(await ProfileResponse.ForAsync(users, user), ct);
    }
}
