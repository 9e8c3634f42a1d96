using System.ComponentModel.DataAnnotations;

namespace Shop.Messaging.Inbox;

/// <summary>How long the inbox remembers handled messages; bound from <c>Messaging:Inbox</c>.</summary>
public sealed class InboxOptions
{
    public const string Section = "Messaging:Inbox";

    /// <summary>
    /// How long a handled message's id is kept to recognise a second delivery. Redeliveries come within minutes (a
    /// consumer's retries, a relay republishing after a crash between RabbitMQ's confirm and its own commit), so a
    /// week is far beyond any of them; without a limit the table grew by a row per handled message for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often ids older than <see cref="Retention"/> are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}
