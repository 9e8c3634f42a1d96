using Microsoft.Extensions.Configuration;
using Shop.AppHost.BackingServices;

namespace Shop.AppHost;

/// <summary>Shop's resources and how they depend on each other.</summary>
public static class ShopTopology
{
    /// <summary>
    /// <c>Topology:CatalogReplicas</c> (1 to 8; 2 unless set). Two by default, so that every run and test shows product
    /// pages and stock right whichever replica answers (see the catalog's cache). A replica adds capacity only where
    /// there are cores for it: on a 2-core machine a second one is one more process competing for the same two, and
    /// checkout ran about 30 % faster with one (docs/benchmarks.md).
    /// </summary>
    public const string CatalogReplicasSetting = "Topology:CatalogReplicas";

    public static void Compose(IDistributedApplicationBuilder builder)
    {
        var servers = BackingServiceCatalogSelector.Select(builder);

        var catalogDb = servers.AddPostgresDatabase("catalogdb");
        var orderingDb = servers.AddPostgresDatabase("orderingdb");
        var identityDb = servers.AddPostgresDatabase("identitydb");
        var redis = servers.AddRedis("redis");
        var messaging = servers.AddRabbitMq("messaging");
        var mail = servers.AddMailSink("mail");
        var search = servers.AddElasticsearch("search");

        var services = new ShopServices(builder);

        // Development whatever Topology:ServiceEnvironment says: elsewhere it needs signing certificates and HTTPS.
        var identityApi = services.AddApi<Projects.Shop_IdentityApi>("identity-api", alwaysDevelopment: true)
            .WithBackingService(identityDb)
            .WithBackingService(messaging)
            .WithBackingService(mail);
        // Every service trusts tokens issued by the identity service, whose keys it fetches from this address.
        var tokenIssuer = identityApi.GetEndpoint("http");
        identityApi.WithEnvironment("Identity__Issuer", tokenIssuer);
        services.TrustTokensFrom(tokenIssuer);
        ConfigureAdminAccount(builder, identityApi);

        var catalogApi = services.AddApi<Projects.Shop_CatalogApi>("catalog-api", replicas: CatalogReplicas(builder))
            .WithBackingService(catalogDb)
            .WithBackingService(redis)
            .WithBackingService(messaging);
        if (search is not null)
        {
            catalogApi.WithBackingService(search);
        }

        var basketApi = services.AddApi<Projects.Shop_BasketApi>("basket-api")
            .WithBackingService(redis)
            .WithBackingService(messaging)
            .WithBackingService(mail);
        // Baskets show the catalog's current prices and stock, asked over HTTP when a basket is read or changed.
        basketApi.WithReference(catalogApi);

        var orderingApi = services.AddApi<Projects.Shop_OrderingApi>("ordering-api")
            .WithBackingService(orderingDb)
            .WithBackingService(messaging)
            .WithBackingService(mail);
        // Checkout reads the basket and reserves stock over HTTP: the shopper is waiting for the answer.
        orderingApi.WithReference(basketApi).WithReference(catalogApi);
        // The basket previews a discount code's effect by asking the ordering service, which owns the promotion rules.
        basketApi.WithReference(orderingApi);
        // Checkout reserves stock with the ordering service's own token (scope catalog.stock, see ServiceScopes).
        RegisterServiceClient(builder, identityApi, orderingApi, "ordering", "catalog.stock");
        PassStripeSettings(builder, orderingApi);
        PassSmsSettings(builder, orderingApi);
        // The personal-data export reads the caller's orders, basket and reviews. References only, no wait: the
        // other services wait for nothing from identity, and identity starts without them.
        identityApi.WithReference(orderingApi).WithReference(basketApi).WithReference(catalogApi);

        var storefront = services.AddStorefront<Projects.Shop_WebApp>("webapp", catalogApi, basketApi, orderingApi, identityApi);
        // Its replicas share their data-protection keys (cookies, antiforgery tokens) through Redis.
        storefront.WithBackingService(redis);
        LinkEmailsToStorefront(builder, storefront, (identityApi, "Identity__StorefrontUrl"), (orderingApi, "Storefront__Url"), (basketApi, "Storefront__Url"));
    }

    /// <summary>
    /// Links in emails point at the storefront: run here, at its endpoint; deployed, at the store's public address, a
    /// parameter (<c>storefront-url</c>, like https://shop.example.com), since the endpoint a deployment knows is the
    /// platform's plain-http one, not the store's domain, and the links carry reset tokens and order secrets.
    /// </summary>
    private static void LinkEmailsToStorefront(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> storefront,
        params (IResourceBuilder<ProjectResource> Service, string Variable)[] senders)
    {
        var publicUrl = builder.ExecutionContext.IsPublishMode ? builder.AddParameter("storefront-url") : null;
        foreach (var (service, variable) in senders)
        {
            if (publicUrl is not null)
            {
                service.WithEnvironment(variable, publicUrl);
            }
            else
            {
                service.WithEnvironment(variable, storefront.GetEndpoint("http"));
            }
        }
    }

    /// <summary>
    /// The first administrator: the email from configuration (admin@shop.local by default) and a generated password,
    /// kept as a secret parameter (the dashboard shows it; in development it is saved in the AppHost's user secrets).
    /// </summary>
    private static void ConfigureAdminAccount(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> identityApi)
    {
        var password = builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        identityApi
            .WithEnvironment("Identity__Admin__Email", builder.Configuration["Identity:Admin:Email"] ?? "admin@shop.local")
            .WithEnvironment("Identity__Admin__Password", password);
    }

    /// <summary>
    /// A service that calls others on its own behalf gets an identity: a confidential client of the identity service
    /// with the scopes it may ask for, and a generated secret (a secret parameter, like the admin password) given to
    /// both sides.
    /// </summary>
    private static void RegisterServiceClient(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> identityApi,
        IResourceBuilder<ProjectResource> service, string clientId, params string[] scopes)
    {
        var secret = builder.AddParameter($"{clientId}-client-secret", new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);
        identityApi.WithEnvironment($"Identity__ServiceClients__{clientId}__Secret", secret);
        for (var i = 0; i < scopes.Length; i++)
        {
            identityApi.WithEnvironment($"Identity__ServiceClients__{clientId}__Scopes__{i}", scopes[i]);
        }

        service.WithEnvironment("ServiceIdentity__ClientId", clientId)
            .WithEnvironment("ServiceIdentity__ClientSecret", secret);
    }

    /// <summary>
    /// Stripe's keys, when the AppHost's configuration has them (user secrets, environment), go to the ordering
    /// service as secret parameters; without them it uses the built-in test gateway.
    /// </summary>
    private static void PassStripeSettings(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> orderingApi)
    {
        foreach (var (setting, parameterName) in new[]
                 {
                     ("SecretKey", "stripe-secret-key"),
                     ("PublishableKey", "stripe-publishable-key"),
                     ("WebhookSecret", "stripe-webhook-secret"),
                 })
        {
            var key = $"Payments:Stripe:{setting}";
            if (!string.IsNullOrWhiteSpace(builder.Configuration[key]))
            {
                var parameter = builder.AddParameterFromConfiguration(parameterName, key, secret: true);
                orderingApi.WithEnvironment($"Payments__Stripe__{setting}", parameter);
            }
        }
    }

    /// <summary>
    /// Twilio's credentials, when the AppHost's configuration has them (user secrets, environment), go to the ordering
    /// service as secret parameters; without them no text messages are sent.
    /// </summary>
    private static void PassSmsSettings(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> orderingApi)
    {
        foreach (var (setting, parameterName) in new[]
                 {
                     ("AccountSid", "twilio-account-sid"),
                     ("AuthToken", "twilio-auth-token"),
                     ("FromNumber", "twilio-from-number"),
                 })
        {
            var key = $"Sms:Twilio:{setting}";
            if (!string.IsNullOrWhiteSpace(builder.Configuration[key]))
            {
                var parameter = builder.AddParameterFromConfiguration(parameterName, key, secret: true);
                orderingApi.WithEnvironment($"Sms__Twilio__{setting}", parameter);
            }
        }
    }

    private static int CatalogReplicas(IDistributedApplicationBuilder builder)
    {
        var replicas = builder.Configuration.GetValue(CatalogReplicasSetting, 2);
        return replicas is >= 1 and <= 8
            ? replicas
            : throw new InvalidOperationException($"{CatalogReplicasSetting} is a whole number from 1 to 8, not {replicas}.");
    }
}
