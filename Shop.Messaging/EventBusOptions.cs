using System.ComponentModel.DataAnnotations;

namespace Shop.Messaging;

/// <summary>How a service consumes events; bound from the <c>Messaging</c> configuration section.</summary>
public sealed class EventBusOptions
{
    public const string Section = "Messaging";

    /// <summary>The service's durable queue; set in code by <c>AddEventBus</c>.</summary>
    public string QueueName { get; set; } = "";

    /// <summary>
    /// How long to wait before each redelivery of a message whose handler failed; once they are used up the message
    /// goes to the dead-letter queue.
    /// </summary>
    [Required]
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>
    /// Defaults when configuration names none: six retries, over about seven hours. The first come quickly, for a
    /// conflict of the moment; the later ones outlast an outage of what a handler needs (a mail server down for an
    /// hour must not send the order email, a guest's only link to their order, to the dead letters).
    /// </summary>
    public static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6),
    ];

    /// <summary>How many messages the broker hands a consumer ahead of its acknowledgements.</summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// How many messages a consumer handles at once. One (the default) keeps the queue's order; a service whose
    /// handlers do not depend on that order (idempotent, independent, guarded by optimistic concurrency) can raise it
    /// so that slow handlers, such as sending email, do not hold up the rest of its queue.
    /// </summary>
    [Range(1, 64)]
    public ushort ConsumerConcurrency { get; set; } = 1;
}
