using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shop.Tests.Infrastructure;

/// <summary>A span as exported: which service (and which instance of it) recorded it, in which trace.</summary>
/// <remarks>Scope is the instrumentation scope (the activity source); Attributes holds the span's string attributes.</remarks>
public sealed record ReceivedSpan(string ServiceName, string TraceId, string Name, string ServiceInstanceId = "", string Scope = "")
{
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// An OTLP/HTTP endpoint the services under test export their traces to, standing where the Aspire dashboard
/// stands in a normal run. It reads just the fields the tests check from the protobuf messages
/// (opentelemetry-proto: ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span).
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly WebApplication _app;

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);

        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Read(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf")); // logs and metrics are not checked

        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    private void Read(byte[] exportRequest)
    {
        foreach (var resourceSpans in Fields(exportRequest, 1))
        {
            var serviceName = "";
            var instanceId = "";
            foreach (var resource in Fields(resourceSpans, 1))
            {
                foreach (var attribute in Fields(resource, 1))
                {
                    var value = Fields(attribute, 2).Select(value => String(value, 1)).FirstOrDefault() ?? "";
                    switch (String(attribute, 1))
                    {
                        case "service.name":
                            serviceName = value;
                            break;
                        case "service.instance.id":
                            instanceId = value;
                            break;
                    }
                }
            }

            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => String(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans, 2))
                {
                    var traceId = Convert.ToHexString(Fields(span, 1).FirstOrDefault() ?? []).ToLowerInvariant();
                    _spans.Enqueue(new ReceivedSpan(serviceName, traceId, String(span, 5) ?? "", instanceId, scope)
                    {
                        Attributes = StringAttributes(span),
                    });
                }
            }
        }
    }

    /// <summary>A span's attributes (field 9) that hold a string value (AnyValue field 1).</summary>
    private static Dictionary<string, string> StringAttributes(byte[] span)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var attribute in Fields(span, 9))
        {
            if (String(attribute, 1) is { } key && Fields(attribute, 2).Select(value => String(value, 1)).FirstOrDefault() is { } value)
            {
                attributes[key] = value;
            }
        }

        return attributes;
    }

    /// <summary>The length-delimited fields with this number (sub-messages, strings, bytes).</summary>
    private static List<byte[]> Fields(byte[] message, int fieldNumber)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == fieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static string? String(byte[] message, int fieldNumber) =>
        Fields(message, fieldNumber).Select(System.Text.Encoding.UTF8.GetString).FirstOrDefault();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
