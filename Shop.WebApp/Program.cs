using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Shop.ServiceDefaults;
using Shop.WebApp.Accounts;
using Shop.WebApp.Api;
using Shop.WebApp.BackOffice;
using Shop.WebApp.Baskets;
using Shop.WebApp.Catalog;
using Shop.WebApp.Components;
using Shop.WebApp.Hosting;
using Shop.WebApp.Ordering;
using Shop.WebApp.Seo;
using Yarp.ReverseProxy.Transforms;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents();
builder.Services.AddProxyErrorProblems();
builder.AddShopSession();
builder.AddSharedKeyRing();
builder.Services.AddAnonymousPageCache();

// Pages call the services server-side through service discovery, as the signed-in shopper where it matters.
// The standard resilience handler (from the service defaults) wraps every one of these clients; it retries reads only.
builder.Services.SendWritesOnce();
builder.Services.AddTransient<AccessTokenHandler>();
builder.Services.AddHttpClient<CatalogClient>(client => client.BaseAddress = new("https+http://catalog-api"));
builder.Services.AddHttpClient<ReviewClient>(client => client.BaseAddress = new("https+http://catalog-api"))
    .AddHttpMessageHandler<AccessTokenHandler>();
builder.Services.AddTransient<ClientAddressHandler>();
builder.Services.AddHttpClient<IdentityClient>(client => client.BaseAddress = new("https+http://identity-api"))
    .AddHttpMessageHandler<ClientAddressHandler>();
builder.Services.AddHttpClient<AccountClient>(client => client.BaseAddress = new("https+http://identity-api"))
    .AddHttpMessageHandler<ClientAddressHandler>()
    .AddHttpMessageHandler<AccessTokenHandler>();
builder.Services.AddHttpClient<BasketClient>(client => client.BaseAddress = new("https+http://basket-api"))
    .AddHttpMessageHandler<AccessTokenHandler>();
builder.Services.AddHttpClient<OrderingClient>(client => client.BaseAddress = new("https+http://ordering-api"))
    .AddHttpMessageHandler<AccessTokenHandler>();
builder.AddBackOffice();
builder.AddStartupWarmup(StorefrontWarmup.RoundAsync);

// The WebApp is the one public entry point: /api/* and the OpenAPI documents are forwarded to the services,
// whose addresses come from Aspire's service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver()
    .AddTransforms(context =>
    {
        // The services read X-Forwarded-For and -Proto (the shopper's address for rate limits and logs) and nothing
        // else; the OpenAPI documents also need -Host and -Prefix, to name the storefront as their server.
        if (context.Route.Match.Path?.StartsWith("/api/", StringComparison.Ordinal) == true)
        {
            context.UseDefaultForwarders = false;
            context.AddXForwardedFor();
            context.AddXForwardedProto();
        }
    });

var app = builder.Build();

// The session cookie is read for pages and forms only: the services never see it, and /api callers sign in with
// bearer tokens, which the proxy forwards for the services to check.
app.UseCookiePolicy();
app.UseServiceDefaults(authenticates: context => !IsProxied(context.Request.Path));

// Browsers get HTML error and not-found pages, inside the defaults' problem-details handlers. These are not in a
// UseWhen branch because a branch has no routing of its own to re-execute "/error" or "/not-found" with.
if (!app.Environment.IsDevelopment())
{
    // YARP reports a failed forward as a status code, not an exception, so only pages reach this.
    // A refused form (bad antiforgery token, unreadable body) is the client's mistake: 400 or 413, not 500.
    var errorPage = new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true };
    UnreadableRequest.ApplyTo(errorPage);
    app.UseExceptionHandler(errorPage);
}

app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
app.Use((context, next) =>
{
    // Switches off only the error page above (the innermost status code handler): /api and /openapi answers
    // keep the problem details the defaults write, as the services' own answers do.
    if (IsProxied(context.Request.Path))
    {
        context.Features.GetRequiredFeature<IStatusCodePagesFeature>().Enabled = false;
    }

    return ErrorPage.IsReExecution(context) ? ErrorPage.RenderAsGetAsync(context, next) : next(context);
});

app.UseOutputCache();
app.UseAntiforgery();
app.MapStaticAssets();
// YARP's default proxy pipeline without passive health checks, which no cluster configures: that middleware still
// awaited every forwarded call to look at its outcome.
app.MapReverseProxy(proxy =>
{
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
});
app.MapBasketForms();
app.MapAccountForms();
app.MapSeoEndpoints();
app.MapRazorComponents<App>().AnswerHeadLikeGet();

await app.RunAsync();

static bool IsProxied(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");
