using Microsoft.Extensions.Options;
using Shop.Notifications;

namespace Shop.IdentityApi.Users;

/// <summary>The emails an account gets; links point at the storefront's account pages.</summary>
public sealed class AccountEmails(IEmailSender email, IOptions<IdentitySettings> settings, ILogger<AccountEmails> logger)
{
    public Task SendConfirmationAsync(string to, Guid userId, string token, CancellationToken ct)
    {
        var link = Link("confirm-email", userId, token);
        return email.SendAsync(new EmailMessage(to, "Confirm your email for Shop",
            $"Welcome to Shop. Confirm your email address by opening this link:\n\n{link}\n\nIf you did not sign up, ignore this email."), ct);
    }

    /// <summary>Someone tried to register an address that has an account: its owner hears of it, the caller does not.</summary>
    public Task SendAlreadyRegisteredAsync(string to, CancellationToken ct) =>
        email.SendAsync(new EmailMessage(to, "Someone tried to sign up with your email",
            "Someone tried to create a Shop account with this email address, which already has one. If it was you, " +
            "sign in instead, or reset your password. Otherwise you can ignore this email."), ct);

    public Task SendPasswordResetAsync(string to, Guid userId, string token, CancellationToken ct)
    {
        var link = Link("reset-password", userId, token);
        var lifetime = settings.Value.PasswordResetTokenLifetime;
        return email.SendAsync(new EmailMessage(to, "Reset your Shop password",
            $"Someone asked to reset the password of your Shop account. To choose a new password, open this link " +
            $"within {(lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0.#} hours" : $"{lifetime.TotalMinutes:0} minutes")}:\n\n{link}\n\n" +
            "It works once. If you did not ask for this, ignore this email: your password stays as it is."), ct);
    }

    /// <summary>A reset was asked for an address without an account: its owner hears of it, the caller learns nothing.</summary>
    public Task SendPasswordResetWithoutAccountAsync(string to, CancellationToken ct) =>
        email.SendAsync(new EmailMessage(to, "Reset your Shop password",
            "Someone asked to reset the password of a Shop account with this email address, but there is no account " +
            "with it. If it was you, perhaps you signed up with another address. Otherwise you can ignore this email."), ct);

    /// <summary>
    /// A notice sent after the new password is saved and every session ended: a mail server failing then must not
    /// turn that done change into an error (the reset link, used up, could not be tried again).
    /// </summary>
    public async Task SendPasswordChangedAsync(string to, CancellationToken ct)
    {
        try
        {
            await email.SendAsync(new EmailMessage(to, "Your Shop password was changed",
                "The password of your Shop account was just changed, and every device signed in to it was signed out. " +
                "If this was not you, reset your password now from the sign-in page."), ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The password-changed notice could not be sent; the password was changed");
        }
    }

    private string Link(string page, Guid userId, string token) =>
        $"{settings.Value.StorefrontUrl.TrimEnd('/')}/account/{page}?userId={userId}&token={Uri.EscapeDataString(token)}";
}
