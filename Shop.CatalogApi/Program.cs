using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.CatalogApi.Caching;
using Shop.CatalogApi.Categories;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Products;
using Shop.CatalogApi.Products.Staff;
using Shop.CatalogApi.Reviews;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Stock;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Catalog API");

// Not pooled: each unit of work's context carries the products it changed until their caches are dropped.
builder.Services.AddSingleton<CacheInvalidationInterceptor>();
// Nothing done through this context keeps session state on a pooled connection (no SET, session advisory locks or
// temp tables), so the pool need not reset each returned connection with DISCARD ALL.
// Statements run often are prepared (parsed once per connection, found again by their text), but still planned
// for their own parameters: the plans PostgreSQL makes for any parameters read whole categories for some listings
// (13 to 18 ms a listing instead of 0.4; docs/benchmarks.md). The stock ledger asks for its fixed plans itself.
var configuredCatalogConnection = builder.Configuration.GetConnectionString(CatalogDbContext.ConnectionName);
var catalogConnectionString = new NpgsqlConnectionStringBuilder(configuredCatalogConnection)
{
    NoResetOnClose = true,
    MaxPoolSize = ConnectionPools.MaxSizeFor(configuredCatalogConnection),
    MaxAutoPrepare = 200,
    Options = "-c plan_cache_mode=force_custom_plan",
}.ConnectionString;
builder.Services.AddDbContext<CatalogDbContext>((services, options) => options
    .UseNpgsql(catalogConnectionString)
    .AddInterceptors(services.GetRequiredService<CacheInvalidationInterceptor>()),
    // The options are the same for every context: built once, not again (connection string parsed, warnings
    // configured, extensions compared) for each request that reads the database.
    optionsLifetime: ServiceLifetime.Singleton);
builder.EnrichNpgsqlDbContext<CatalogDbContext>();
builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, CatalogSeeder>();
builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, DemoPictureSeeder>();
builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, DemoAttributeSeeder>();

// The integration's Redis tracing keeps every request's Activity and command records for 10 s, sampled or not (see
// RedisSpans): the catalog cache traces its own commands, for recorded traces only.
builder.AddRedisClient(CatalogCache.RedisConnectionName, settings => settings.DisableTracing = true);
builder.Services.AddStackExchangeRedisCache(_ => { });
builder.Services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
    .Configure<StackExchange.Redis.IConnectionMultiplexer>((options, redis) =>
    {
        options.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        options.InstanceName = "catalog:";
    });
builder.Services.AddHybridCache();
builder.Services.AddSingleton<CatalogCache>();
builder.Services.AddSingleton<CatalogTaxonomy>();

builder.AddEventBus(queueName: "catalog");
builder.AddOutboxAndInbox<CatalogDbContext>();
builder.Services.AddScoped<StockLedger>();
builder.Services.AddScoped<ProductWriter>();
builder.AddValidatedOptions<ProductListingOptions>(ProductListingOptions.Section);
builder.Services.AddEventHandler<OrderPaid, OrderPaidHandler>();
builder.Services.AddEventHandler<OrderCancelled, OrderCancelledHandler>();
builder.Services.AddEventHandler<OrderDelivered, OrderDeliveredHandler>();
builder.Services.AddEventHandler<UserErased, UserErasedHandler>();
builder.AddCatalogSearch();
builder.AddStartupWarmup(ProductWarmup.RoundAsync);

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();
await using (await StartupLock.AcquireAsync(builder.Configuration.GetConnectionString(CatalogDbContext.ConnectionName)!, CancellationToken.None))
{
    await app.MigrateDatabaseAsync<CatalogDbContext>();
    await app.MigrateDatabaseAsync<SearchIndexDbContext>();
}

await app.RunAsync();
