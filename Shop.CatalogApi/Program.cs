using Shop.CatalogApi.Data;
using Shop.Messaging;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Catalog API");
builder.AddNpgsqlDbContext<CatalogDbContext>(CatalogDbContext.ConnectionName);
builder.Services.AddScoped<IDatabaseSeeder<CatalogDbContext>, CatalogSeeder>();
builder.AddEventBus(queueName: "catalog");

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();
await app.MigrateDatabaseAsync<CatalogDbContext>();

await app.RunAsync();
