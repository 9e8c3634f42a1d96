using FastEndpoints;
using FastEndpoints.Swagger;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults;

public static class ApiEndpointsExtensions
{
    /// <summary>FastEndpoints with an OpenAPI document named after the service.</summary>
    public static TBuilder AddShopApi<TBuilder>(this TBuilder builder, string title) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddFastEndpoints();
        builder.Services.SwaggerDocument(doc =>
        {
            doc.DocumentSettings = settings =>
            {
                settings.Title = title;
                settings.Version = "v1";
            };
            doc.ShortSchemaNames = true;
        });
        return builder;
    }

    /// <summary>Maps the endpoints with RFC 9457 problem details for validation errors, and serves the OpenAPI document.</summary>
    public static WebApplication UseShopApi(this WebApplication app)
    {
        app.UseFastEndpoints(config =>
        {
            config.Errors.UseProblemDetails();
            config.Serializer.Options.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
        });
        app.UseSwaggerGen();
        return app;
    }
}
