using Shop.CatalogApi.Data;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Stock;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Catalog API");
builder.AddNpgsqlDbContext<CatalogDbContext>(CatalogDbContext.ConnectionName);
builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, CatalogSeeder>();
builder.AddEventBus(queueName: "catalog");
builder.AddOutboxAndInbox<CatalogDbContext>();
builder.Services.AddScoped<StockLedger>();
builder.Services.AddEventHandler<OrderPaid, OrderPaidHandler>();
builder.Services.AddEventHandler<OrderCancelled, OrderCancelledHandler>();
builder.AddCatalogSearch();

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();
await app.MigrateDatabaseAsync<CatalogDbContext>();
await app.MigrateDatabaseAsync<SearchIndexDbContext>();

await app.RunAsync();
