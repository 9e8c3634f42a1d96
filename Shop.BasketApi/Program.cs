using Shop.BasketApi.Baskets;
using Shop.Messaging;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Basket API");
builder.AddRedisClient(BasketStore.ConnectionName);
builder.AddValidatedOptions<BasketSettings>(BasketSettings.Section);
builder.Services.AddSingleton<BasketStore>();
builder.AddEventBus(queueName: "basket");

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();

await app.RunAsync();
