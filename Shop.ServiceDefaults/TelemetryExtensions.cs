using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters of Shop's own code; every library registers its name here.</summary>
    public const string ShopTelemetryPrefix = "Shop.";

    /// <summary>
    /// The share of traces recorded, 0 to 1 (<c>Telemetry:TraceSampleRatio</c>), decided where a trace starts and
    /// followed by every service it reaches. Unset, the OpenTelemetry SDK's own setting applies (<c>OTEL_TRACES_SAMPLER</c>;
    /// the AppHost sets <c>always_on</c> in development). Set it under load: recording and exporting every span of
    /// every request costs more CPU than a cached basket read itself.
    /// </summary>
    public const string TraceSampleRatioSetting = "Telemetry:TraceSampleRatio";

    /// <summary>
    /// At most this many new traces recorded a second by each service instance, after the ratio (all traces when no
    /// ratio is set) (<c>Telemetry:MaxTracesPerSecond</c>, unset for no cap). Traces that arrive sampled from another
    /// service are still followed. See <see cref="CappedSampler"/>.
    /// </summary>
    public const string MaxTracesPerSecondSetting = "Telemetry:MaxTracesPerSecond";

    /// <summary>The activity source of .NET's own HttpClient spans.</summary>
    public const string HttpClientActivitySource = "System.Net.Http";

    /// <summary>
    /// Logs, traces and metrics over OTLP. Database, Redis and RabbitMQ instrumentation comes with the Aspire client
    /// integrations each service adds; this adds ASP.NET Core, HttpClient and the runtime, and Shop's own sources.
    /// </summary>
    public static TBuilder AddShopTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ShopTelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(ShopTelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes every few seconds would drown the traces that matter.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
                        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
                // Outgoing calls are traced by .NET's HttpClient itself, with the semantic conventions' attributes, and
                // only for recorded traces. The instrumentation package would also listen to its diagnostic events: for
                // every call, recorded or not, that built the request's URL, a tag list and a second traceparent.
                .AddSource(HttpClientActivitySource));

        // A value that does not parse throws here too (the binder names the setting): the service stops at start.
        var ratio = builder.Configuration.GetValue<double?>(TraceSampleRatioSetting);
        if (ratio is < 0 or > 1)
        {
            throw new InvalidOperationException($"{TraceSampleRatioSetting} is a number from 0 to 1, not {ratio}.");
        }

        var cap = builder.Configuration.GetValue<int?>(MaxTracesPerSecondSetting);
        if (cap < 1)
        {
            throw new InvalidOperationException($"{MaxTracesPerSecondSetting} is a whole number of at least 1, not {cap}.");
        }

        if (cap is { } tracesPerSecond)
        {
            // Made by the container, so the host disposes its token bucket's timer.
            builder.Services.AddSingleton(_ => new CappedSampler(new TraceIdRatioBasedSampler(ratio ?? 1), tracesPerSecond));
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.SetSampler(services => new ParentBasedSampler(services.GetRequiredService<CappedSampler>())));
        }
        else if (ratio is { } share)
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(share))));
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
