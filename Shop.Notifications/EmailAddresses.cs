using MimeKit;

namespace Shop.Notifications;

/// <summary>What an account or an order may give as its email.</summary>
public static class EmailAddresses
{
    /// <summary>The field error for an email that <see cref="IsSingleAddress"/> refuses.</summary>
    public const string Requirement = "An email is one address, such as name@example.com.";

    /// <summary>
    /// One bare address (<c>name@domain</c>), spaces around it aside. A display name (<c>A &lt;x@example.com&gt;</c>),
    /// a list or a group is refused: each would reach the same inbox under a different spelling, so it would pass
    /// as another account (and another per-account limit), and a list would send one email to several people.
    /// </summary>
    public static bool IsSingleAddress(string? text)
    {
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && MailboxAddress.TryParse(trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && mailbox.Route.Count == 0
            && mailbox.Address == trimmed
            && mailbox.LocalPart.Length > 0
            && mailbox.Domain.Length > 0;
    }
}
