using Shop.Messaging;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Ordering API");
builder.AddNpgsqlDbContext<OrderingDbContext>(OrderingDbContext.ConnectionName);
builder.Services.AddScoped<IDatabaseSeeder<OrderingDbContext>, ShippingMethodSeeder>();
builder.AddEventBus(queueName: "ordering");

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();
await app.MigrateDatabaseAsync<OrderingDbContext>();

await app.RunAsync();
