using Shop.BasketApi.Abandonment;
using Shop.BasketApi.Baskets;
using Shop.BasketApi.Catalog;
using Shop.BasketApi.Promotions;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.ServiceDefaults;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShopApi("Shop Basket API");
// Fail at once while Redis is unreachable (answered 503) rather than queueing commands until they time out; the
// multiplexer keeps reconnecting in the background, so baskets work again as soon as Redis is back.
builder.AddRedisClient(BasketStore.ConnectionName, configureOptions: options => options.BacklogPolicy = BacklogPolicy.FailFast);
builder.AddValidatedOptions<BasketSettings>(BasketSettings.Section);
builder.Services.AddSingleton<BasketStore>();
builder.Services.AddSingleton<SkuSnapshots>();
builder.Services.AddInstanceEventHandler<ProductChanged, ProductChangedHandler>();
builder.Services.AddHttpClient<ICatalogSkus, HttpCatalogSkus>(client => client.BaseAddress = new("https+http://catalog-api"));
builder.Services.AddHttpClient<IDiscountPreviews, HttpDiscountPreviews>(client => client.BaseAddress = new("https+http://ordering-api"));
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
