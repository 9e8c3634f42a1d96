using System.Text.Json;
using FastEndpoints;
using FastEndpoints.Swagger;
using FluentValidation;
using FluentValidation.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults;

public static class ApiEndpointsExtensions
{
    /// <summary>Where the OpenAPI document (<c>/swagger/v1/swagger.json</c>) and its browsable UI are served.</summary>
    public const string OpenApiPath = "/swagger";

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
        // Field errors name fields as clients send them: "shippingAddress.postalCode", not "ShippingAddress.PostalCode".
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
        {
            var path = expression is not null ? PropertyChain.FromExpression(expression).ToString() : member?.Name;
            return path is null ? null : string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
        };

        // A rule stops at its first failure: a JSON null reaches properties typed as non-null, and "must not be empty"
        // failing must keep the rule's later checks from reading the value (a NullReferenceException, so a 500).
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        app.RefuseNulInAddress();
        app.UseFastEndpoints(config =>
        {
            config.Errors.UseProblemDetails();
            // The resolver above names nested fields; FastEndpoints' own policy would only camel-case the first segment.
            config.Validation.UsePropertyNamingPolicy = false;
            config.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            config.Serializer.Options.Converters.Add(new TextWithoutNulConverter());
        });
        // NSwag's document and UI middleware would otherwise look at every request.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(OpenApiPath), branch => branch.UseSwaggerGen());
        return app;
    }
}
