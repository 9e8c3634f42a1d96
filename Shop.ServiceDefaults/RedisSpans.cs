using System.Diagnostics;

namespace Shop.ServiceDefaults;

/// <summary>
/// Redis commands as client spans, made only when the trace they belong to is recorded. Aspire's Redis integration
/// traces through a profiling session that keeps every request's Activity and a record of each of its commands until
/// a flush every 10 s, sampled or not: at thousands of requests a second, tens of thousands of requests' objects
/// outlive two collections and die in gen2, which brings long blocking collections. Services that call Redis on their
/// hot paths turn that tracing off (<c>DisableTracing</c>) and trace their commands with this instead.
/// </summary>
public sealed class RedisSpans(string sourceName)
{
    private readonly ActivitySource source = new(sourceName);

    /// <summary>Sends one command (or script) as a span named <c>redis COMMAND</c> of the current trace, if it is recorded.</summary>
    public Task<T> TraceAsync<T>(string command, Func<Task<T>> send) => TraceAsync(command, send, static send => send());

    /// <summary>The same with the command's arguments passed as <paramref name="state"/>, so a static lambda needs no closure.</summary>
    /// <remarks>An unrecorded request (most, when sampling) sends the command as it is: no span and no async wrapper.</remarks>
    public Task<T> TraceAsync<TState, T>(string command, TState state, Func<TState, Task<T>> send)
    {
        var span = Activity.Current is { Recorded: false } ? null : source.StartActivity($"redis {command}", ActivityKind.Client);
        return span is null ? send(state) : TracedAsync(span, command, state, send);
    }

    private static async Task<T> TracedAsync<TState, T>(Activity span, string command, TState state, Func<TState, Task<T>> send)
    {
        using (span)
        {
            span.SetTag("db.system.name", "redis");
            span.SetTag("db.operation.name", command);
            try
            {
                return await send(state);
            }
            catch (Exception e)
            {
                span.AddException(e);
                span.SetStatus(ActivityStatusCode.Error, e.Message);
                throw;
            }
        }
    }
}
