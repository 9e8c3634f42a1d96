using Shop.OrderingApi.Idempotency;
using Npgsql;
using Shop.Messaging;
using Shop.Messaging.Contracts;
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
// Nothing here keeps session state on a pooled connection (no SET, session advisory locks or temp tables), so the
// pool need not reset each returned connection with DISCARD ALL, and the statements Npgsql prepares for the hot
// paths stay prepared.
builder.AddNpgsqlDbContext<OrderingDbContext>(OrderingDbContext.ConnectionName, settings => settings.ConnectionString = settings.ConnectionString is { } connection
    ? new NpgsqlConnectionStringBuilder(connection) { NoResetOnClose = true, MaxAutoPrepare = 50, MaxPoolSize = ConnectionPools.MaxSizeFor(connection) }.ConnectionString
    : null);
builder.AddValidatedOptions<ShippingSettings>(ShippingSettings.Section);
builder.AddValidatedOptions<TaxSettings>(TaxSettings.Section);
builder.AddEventBus(queueName: "ordering");
builder.AddOutboxAndInbox<OrderingDbContext>();
builder.AddPayments();
builder.AddValidatedOptions<ReturnSettings>(ReturnSettings.Section);
builder.Services.AddScoped<OrderRefunds>();
builder.Services.AddScoped<OpenPaymentCancellation>();
builder.Services.AddScoped<LockedOrderChange>();
builder.Services.AddExceptionHandler<OrderConflictExceptionHandler>();
builder.Services.AddHostedService<UnpaidOrderExpiry>();
builder.Services.AddHostedService<UnfinishedPlacementRelease>();
builder.AddValidatedOptions<IdempotencySettings>(IdempotencySettings.Section);
builder.Services.AddHostedService<IdempotencyRetention>();
builder.Services.AddEventHandler<UserErased, UserErasedHandler>();
builder.AddCheckout();
builder.AddOrderNotifications();

var app = builder.Build();

app.UseServiceDefaults();
app.UseRateLimiter();
app.UseShopApi();
await app.MigrateDatabaseAsync<OrderingDbContext>();

await app.RunAsync();
