using System.Diagnostics;
using System.Text.Json;

namespace Shop.Messaging;

/// <summary>
/// An integration event ready to send: serialized, with the trace it belongs to, so that a relay publishing it
/// later (from the outbox) still continues the trace of the request that raised it.
/// </summary>
public sealed record OutgoingMessage(
    Guid Id,
    string RoutingKey,
    byte[] Body,
    DateTimeOffset OccurredAt,
    string? TraceParent,
    string? TraceState)
{
    public static OutgoingMessage From(IntegrationEvent integrationEvent)
    {
        var eventType = integrationEvent.GetType();
        var activity = Activity.Current;
        return new OutgoingMessage(
            integrationEvent.Id,
            IntegrationEvent.RoutingKeyFor(eventType),
            JsonSerializer.SerializeToUtf8Bytes(integrationEvent, eventType),
            integrationEvent.OccurredAt,
            activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            activity?.TraceStateString);
    }

    public ActivityContext ParentContext =>
        ActivityContext.TryParse(TraceParent, TraceState, out var context) ? context : default;
}
