using Shop.LoadTests;

// Multi-step shopper flows against a running storefront, which a single-URL tool like hey cannot script.
//   basket   --url http://localhost:5100 --sku CODE [--clients 50] [--duration 30] [--warmup 5] [--rate 0]
//   checkout --url http://localhost:5100 --sku CODE [--clients 20] [--duration 30] [--warmup 5] [--rate 0]
// --rate R sends R requests/s in all on a fixed schedule (0, the default: each client as fast as it gets answers).
var options = LoadOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
})
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(30),
};

var flow = options.Scenario switch
{
    "basket" => (IShopperFlow)new BasketFlow(http, options.Sku),
    "checkout" => new CheckoutFlow(http, options.Sku),
    _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}': basket or checkout."),
};

Console.WriteLine($"{options.Scenario}: {options.Clients} concurrent clients against {options.Url}, SKU {options.Sku}, " +
                  $"{options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, {Environment.ProcessorCount} cores, " +
                  (options.Rate > 0 ? $"{options.Rate:0} requests/s scheduled (latency from each request's scheduled time)" : "flat out"));
var report = await LoadRun.RunAsync(flow, options);
report.Print(Console.Out);
await flow.AfterRunAsync(Console.Out);
