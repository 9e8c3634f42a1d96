using System.ComponentModel.DataAnnotations;

namespace Shop.Notifications;

/// <summary>Who mail comes from; bound from <c>Email</c>. The SMTP server is the "mail" connection string.</summary>
public sealed class EmailSettings
{
    public const string Section = "Email";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "shop@localhost";

    [Required]
    public string FromName { get; set; } = "Shop";

    /// <summary>
    /// How long one SMTP step (connecting, a command, sending) may take. MailKit's own default is two minutes, for
    /// which a server that stopped answering would hold a message handler and the messages queued behind it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// An SMTP server from a connection string: <c>Endpoint=smtp://host:port</c> (plain, as the development mail sink
/// speaks, or STARTTLS when there is a login) or <c>smtps://</c> (TLS), optionally with <c>Username=</c> and
/// <c>Password=</c>.
/// </summary>
public sealed record SmtpServer(string Host, int Port, bool UseTls, string? Username, string? Password)
{
    public static SmtpServer Parse(string connectionString)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var endpoint = new Uri(parts.TryGetValue("Endpoint", out var value) ? value.ToString()! : throw new FormatException("The mail connection string has no Endpoint."));
        string? Part(string key) => parts.TryGetValue(key, out var part) ? part.ToString() : null;
        return new SmtpServer(endpoint.Host, endpoint.Port, endpoint.Scheme == "smtps", Part("Username"), Part("Password"));
    }
}
