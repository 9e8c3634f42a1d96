using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace Shop.ServiceDefaults;

/// <summary>What every Shop service shares: telemetry, health, service discovery, resilience, errors and auth.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    private const string LiveTag = "live";

    /// <summary>The property by which <c>UseAuthentication</c> tells the web host not to add it itself.</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddShopTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // The factory's logging handlers open a log scope and write a start and an end line per call, inner and
            // outer: on every basket add and every checkout, for what each call's span and http.client metrics already
            // say. Failures still show in the spans, the metrics and the resilience handler's own warnings.
            http.RemoveAllLoggers();
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
        builder.Services.AddExceptionHandler<UnreadableRequestHandler>();
        builder.Services.Configure<ExceptionHandlerOptions>(UnreadableRequest.ApplyTo);
        // Requests arrive through the storefront's proxy; its X-Forwarded-For names the real client, for rate limits
        // and logs. Only proxies on loopback are trusted unless ForwardedHeaders:KnownNetworks names others.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddShopAuthentication();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Error handling, auth and the health endpoints. <c>/health</c> reports every check (databases, caches, brokers);
    /// <c>/alive</c> only says the process answers. Both are anonymous so orchestrators can probe them.
    /// </summary>
    /// <param name="authenticates">
    /// Which requests can carry credentials the app's schemes read; the others skip authentication and stay
    /// anonymous (authorization still runs for every request, so an endpoint that needs a caller refuses them).
    /// Unset: requests with an <c>Authorization</c> header, as bearer tokens are the only credentials a service
    /// reads, or every request where a scheme handles requests itself (the identity service's token server).
    /// </param>
    public static WebApplication UseServiceDefaults(this WebApplication app, Func<HttpContext, bool>? authenticates = null)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        authenticates ??= HandlesRequests(app) ? null : CarriesAuthorizationHeader;
        if (authenticates is null)
        {
            app.UseAuthentication();
        }
        else
        {
            // Authenticating an anonymous call costs a handler, its options and a failed header read per request.
            app.UseWhen(authenticates, branch => branch.UseAuthentication());
            // UseAuthentication marks only the branch's copy of the properties; unmarked, the host would add
            // authentication for every request again at the very start of the pipeline.
            ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        }

        app.UseAuthorization();
        app.MapDefaultEndpoints();
        return app;
    }

    private static bool CarriesAuthorizationHeader(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderNames.Authorization);

    private static bool HandlesRequests(WebApplication app) =>
        app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetRequestHandlerSchemesAsync().GetAwaiter().GetResult().Any();

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }
}
