using Microsoft.Extensions.Options;
using Shop.Notifications;

namespace Shop.IdentityApi.Users;

/// <summary>The emails an account gets; links point at the storefront's account pages.</summary>
public sealed class AccountEmails(IEmailSender email, IOptions<IdentitySettings> settings)
{
    public Task SendConfirmationAsync(string to, Guid userId, string token, CancellationToken ct)
    {
        var link = $"{settings.Value.StorefrontUrl.TrimEnd('/')}/account/confirm-email?userId={userId}&token={Uri.EscapeDataString(token)}";
        return email.SendAsync(new EmailMessage(to, "Confirm your email for Shop",
            $"Welcome to Shop. Confirm your email address by opening this link:\n\n{link}\n\nIf you did not sign up, ignore this email."), ct);
    }

    /// <summary>Someone tried to register an address that has an account: its owner hears of it, the caller does not.</summary>
    public Task SendAlreadyRegisteredAsync(string to, CancellationToken ct) =>
        email.SendAsync(new EmailMessage(to, "Someone tried to sign up with your email",
            "Someone tried to create a Shop account with this email address, which already has one. If it was you, " +
            "sign in instead, or reset your password. Otherwise you can ignore this email."), ct);
}
