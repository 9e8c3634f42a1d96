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
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
