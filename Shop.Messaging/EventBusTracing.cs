using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Shop.Messaging;

/// <summary>Carries W3C trace context in message headers so a flow across services is one trace.</summary>
internal static class EventBusTracing
{
    public static readonly ActivitySource Source = new(MessagingTopology.ActivitySourceName);
    private static TextMapPropagator Propagator => Propagators.DefaultTextMapPropagator;

    public static void Inject(Activity? activity, IDictionary<string, object?> headers)
    {
        if (activity is null)
        {
            return;
        }

        Propagator.Inject(new PropagationContext(activity.Context, Baggage.Current), headers,
            static (carrier, key, value) => carrier[key] = value);
    }

    public static PropagationContext Extract(IDictionary<string, object?>? headers) =>
        Propagator.Extract(default, headers, static (carrier, key) =>
            carrier is not null && carrier.TryGetValue(key, out var value) && value is byte[] bytes
                ? [Encoding.UTF8.GetString(bytes)]
                : []);
}
