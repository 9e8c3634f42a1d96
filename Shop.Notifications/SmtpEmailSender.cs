using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Shop.Notifications;

/// <summary>Sends through an SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpEmailSender(SmtpServer server, IOptions<EmailSettings> settings) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.Value.FromName, settings.Value.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(server.Host, server.Port, server.UseTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None, cancellationToken);
        if (server.Username is not null)
        {
            await smtp.AuthenticateAsync(server.Username, server.Password ?? "", cancellationToken);
        }

        await smtp.SendAsync(mime, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
