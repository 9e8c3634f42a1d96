using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Shop.Notifications;

/// <summary>
/// Sends through an SMTP server with MailKit. A connection (and its greeting, TLS and login) is reused for the next
/// messages while it is fresh, since a service sends bursts of mail (an email per order step); a connection that
/// went stale meanwhile is replaced and the message sent again on a new one.
/// </summary>
public sealed class SmtpEmailSender(SmtpServer server, IOptions<EmailSettings> settings, TimeProvider clock) : IEmailSender, IDisposable
{
    /// <summary>As many as a service sends at once (the ordering service handles eight messages at a time), so a burst does not
    /// open and close sessions beyond the ones kept.</summary>
    private const int MaxIdleConnections = 8;

    /// <summary>Well within the idle timeouts servers use (a few minutes), so a kept connection is rarely found closed.</summary>
    private static readonly TimeSpan MaxIdleTime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(SmtpClient Client, DateTimeOffset IdleSince)> _idle = new();

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.Value.FromName, settings.Value.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        var smtp = TakeIdle();
        if (smtp is not null)
        {
            try
            {
                await smtp.SendAsync(mime, cancellationToken);
                GiveBack(smtp);
                return;
            }
            catch (Exception stale) when ((stale is ServiceNotConnectedException or SmtpProtocolException or IOException) && !cancellationToken.IsCancellationRequested)
            {
                // The server closed it while it waited: send on a new connection instead.
                smtp.Dispose();
            }
            catch
            {
                smtp.Dispose();
                throw;
            }
        }

        smtp = new SmtpClient { Timeout = (int)settings.Value.Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(server.Host, server.Port, Security(server), cancellationToken);
            if (server.Username is not null)
            {
                await smtp.AuthenticateAsync(server.Username, server.Password ?? "", cancellationToken);
            }

            await smtp.SendAsync(mime, cancellationToken);
        }
        catch
        {
            smtp.Dispose();
            throw;
        }

        GiveBack(smtp);
    }

    /// <summary>
    /// <c>smtps://</c> is TLS from the start. Over <c>smtp://</c> a login (and the reset links and order links the
    /// messages carry) never goes in clear: with credentials the server must take STARTTLS. Only a server without a
    /// login, as the development mail sink, is spoken to in plain text.
    /// </summary>
    public static SecureSocketOptions Security(SmtpServer server) =>
        server.UseTls ? SecureSocketOptions.SslOnConnect
        : server.Username is not null ? SecureSocketOptions.StartTls
        : SecureSocketOptions.None;

    private SmtpClient? TakeIdle()
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (idle.Client.IsConnected && clock.GetUtcNow() - idle.IdleSince < MaxIdleTime)
            {
                return idle.Client;
            }

            idle.Client.Dispose();
        }

        return null;
    }

    private void GiveBack(SmtpClient smtp)
    {
        if (_idle.Count < MaxIdleConnections && smtp.IsConnected)
        {
            _idle.Enqueue((smtp, clock.GetUtcNow()));
        }
        else
        {
            smtp.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var idle))
        {
            idle.Client.Dispose();
        }
    }
}
