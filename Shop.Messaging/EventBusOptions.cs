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

    /// <summary>Defaults when configuration names none: three retries, a second, ten seconds and a minute apart.</summary>
    public static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];

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
