using Shop.Messaging;
using Shop.OrderingApi.Checkout;
using Shop.OrderingApi.Data;
using Shop.OrderingApi.Domain.Pricing;
using Shop.OrderingApi.Notifications;
using Shop.OrderingApi.Orders;
using Shop.OrderingApi.Payments;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Ordering API");
builder.AddNpgsqlDbContext<OrderingDbContext>(OrderingDbContext.ConnectionName);
builder.AddValidatedOptions<ShippingSettings>(ShippingSettings.Section);
builder.AddValidatedOptions<TaxSettings>(TaxSettings.Section);
builder.AddEventBus(queueName: "ordering");
builder.AddOutboxAndInbox<OrderingDbContext>();
builder.AddPayments();
builder.AddValidatedOptions<ReturnSettings>(ReturnSettings.Section);
builder.Services.AddScoped<OrderRefunds>();
builder.Services.AddExceptionHandler<OrderConflictExceptionHandler>();
builder.Services.AddHostedService<UnpaidOrderExpiry>();
builder.AddCheckout();
builder.AddOrderNotifications();

var app = builder.Build();

app.UseServiceDefaults();
app.UseRateLimiter();
app.UseShopApi();
await app.MigrateDatabaseAsync<OrderingDbContext>();

await app.RunAsync();
