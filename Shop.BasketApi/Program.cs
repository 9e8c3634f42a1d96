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
// The host opens a log scope for every request (an object, its state and an async-local change) whenever this
// category logs anything at all, about 2 % of the service's allocations. It only logs request starts and ends,
// which Microsoft.AspNetCore at Warning already leaves out; errors are logged by the exception handler and Kestrel.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
builder.AddRedisClient(BasketStore.ConnectionName, settings =>
    // The integration's tracing keeps every request's Activity and a record of each of its Redis commands until a
    // flush every 10 s, sampled or not: at 3,000 requests/s tens of thousands of requests' objects outlive two
    // collections, are promoted to gen2 and die there, which is what brought this service's gen1 and gen2
    // collections and their long pauses. The basket store traces its commands itself, for recorded traces only.
    settings.DisableTracing = true,
    configureOptions: options =>
{
    // Fail at once while Redis is unreachable (answered 503) rather than queueing commands until they time out; the
    // multiplexer keeps reconnecting in the background, so baskets work again as soon as Redis is back.
    options.BacklogPolicy = BacklogPolicy.FailFast;
    // Redis replies are read on the .NET thread pool, not on the client's own dedicated threads: with two cores
    // those threads queue for a core behind the requests and contend for their work queue's lock (about 350
    // contentions a second under load, all of them there), a hop and a wait on every command.
    options.SocketManager = SocketManager.ThreadPool;
});
builder.AddValidatedOptions<BasketSettings>(BasketSettings.Section);
builder.Services.AddSingleton<BasketStore>();
builder.Services.AddSingleton<SkuSnapshots>();
builder.Services.AddInstanceEventHandler<ProductChanged, ProductChangedHandler>();
builder.Services.AddHttpClient(HttpCatalogSkus.ClientName, client => client.BaseAddress = new("https+http://catalog-api"));
builder.Services.AddSingleton<ICatalogSkus, HttpCatalogSkus>();
builder.Services.AddHttpClient(HttpDiscountPreviews.ClientName, client => client.BaseAddress = new("https+http://ordering-api"));
builder.Services.AddSingleton<IDiscountPreviews, HttpDiscountPreviews>();
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
