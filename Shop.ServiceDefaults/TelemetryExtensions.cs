using Microsoft.AspNetCore.Builder;
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

        if (builder.Configuration[TraceSampleRatioSetting] is { Length: > 0 } setting)
        {
            var ratio = double.TryParse(setting, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                && parsed is >= 0 and <= 1
                    ? parsed
                    : throw new InvalidOperationException($"{TraceSampleRatioSetting} is a number from 0 to 1, not '{setting}'.");
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio))));
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
