using Microsoft.AspNetCore.Identity;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.Messaging;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Identity API");
builder.AddNpgsqlDbContext<IdentityDbContext>(IdentityDbContext.ConnectionName);
builder.Services.AddIdentityCore<ShopUser>(options => options.User.RequireUniqueEmail = true)
    .AddRoles<IdentityRole<Guid>>()
    .AddEntityFrameworkStores<IdentityDbContext>();
builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, RoleSeeder>();
builder.AddEventBus(queueName: "identity");

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();
await app.MigrateDatabaseAsync<IdentityDbContext>();

await app.RunAsync();
