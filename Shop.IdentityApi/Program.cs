using Npgsql;
using Shop.IdentityApi;
using Shop.IdentityApi.Auth;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Passwords;
using Shop.IdentityApi.Privacy;
using Shop.IdentityApi.Users;
using Shop.Messaging;
using Shop.Notifications;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Identity API");
builder.AddNpgsqlDbContext<IdentityDbContext>(IdentityDbContext.ConnectionName, settings => settings.ConnectionString = settings.ConnectionString is { } connection
    ? new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = ConnectionPools.MaxSizeFor(connection) }.ConnectionString
    : null);
builder.AddShopIdentity();
builder.AddAuthRateLimits();
builder.AddEmail();
builder.Services.AddScoped<AccountEmails>();
builder.Services.AddScoped<Administrators>();
builder.Services.AddSingleton<DummyPasswordCheck>();
builder.Services.AddScoped<Sessions>();
// The personal-data export reads the caller's orders, basket and reviews from the services that keep them.
builder.Services.AddHttpClient<OrderingClient>(client => client.BaseAddress = new("https+http://ordering-api"));
builder.Services.AddHttpClient<BasketClient>(client => client.BaseAddress = new("https+http://basket-api"));
builder.Services.AddHttpClient<ReviewsClient>(client => client.BaseAddress = new("https+http://catalog-api"));
builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, RoleSeeder>();
builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, AdminSeeder>();
builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, ServiceClientSeeder>();
builder.AddEventBus(queueName: "identity");
builder.AddOutboxAndInbox<IdentityDbContext>();

var app = builder.Build();

app.UseServiceDefaults();
app.UseRateLimiter();
app.UseShopApi();
await app.MigrateDatabaseAsync<IdentityDbContext>();

await app.RunAsync();
