namespace Shop.Notifications;

/// <summary>One email to one person, in plain text and, optionally, HTML.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
