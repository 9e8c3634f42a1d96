using Shop.BasketApi.Abandonment;
using Shop.BasketApi.Baskets;
using Shop.BasketApi.Catalog;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Basket API");
builder.AddRedisClient(BasketStore.ConnectionName);
builder.AddValidatedOptions<BasketSettings>(BasketSettings.Section);
builder.Services.AddSingleton<BasketStore>();
builder.Services.AddHttpClient<ICatalogSkus, HttpCatalogSkus>(client => client.BaseAddress = new("https+http://catalog-api"));
builder.AddEventBus(queueName: "basket");
builder.Services.AddEventHandler<OrderPlaced, OrderPlacedHandler>();
builder.Services.AddEventHandler<UserErased, UserErasedHandler>();
builder.Services.AddHostedService<AbandonedBasketDetector>();
builder.AddEmail();
builder.Services.AddEventHandler<BasketAbandoned, BasketReminderEmail>();
builder.Services.AddExceptionHandler<BasketStoreUnavailableHandler>();

var app = builder.Build();

app.UseServiceDefaults();
app.UseShopApi();

await app.RunAsync();
