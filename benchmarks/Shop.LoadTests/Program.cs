using Shop.LoadTests;

// Multi-step shopper flows against a running storefront, which a single-URL tool like hey cannot script.
//   basket   --url http://localhost:5100 --sku CODE [--clients 50] [--duration 30] [--warmup 5] [--rate 0]
//   checkout --url http://localhost:5100 --sku CODE[,CODE...] [--clients 20] [--duration 30] [--warmup 5] [--rate 0]
// --rate R sends R requests/s in all on a fixed schedule (0, the default: each client as fast as it gets answers).
// and GETs of a list of paths at a fixed rate, each from its own scheduled time however many are in flight:
//   rate --url http://localhost:5100 --paths FILE --rate 100 [--duration 30] [--warmup 5]
// --slow-ms M (default 20): requests slower than this are grouped by when they were due, to tell stalls from queueing.
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

if (options.Scenario == "rate")
{
    var paths = File.ReadAllLines(options.Paths).Where(line => line.Length > 0).ToList();
    Console.WriteLine($"rate: {options.Rate} GET/s from {paths.Count} paths against {options.Url}, " +
                      $"{options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, latency from the scheduled send");
    var collectedBefore = OwnCollections.Now();
    (await FixedRateRun.RunAsync(http, paths, options.Rate, options.Warmup, options.Duration, options.SlowMilliseconds)).Print(Console.Out);
    OwnCollections.Now().PrintSince(collectedBefore, Console.Out);
    return;
}

var flow = options.Scenario switch
{
    "basket" => (IShopperFlow)new BasketFlow(http, options.Skus[0]),
    "checkout" => new CheckoutFlow(http, options.Skus),
    _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}': basket, checkout or rate."),
};

Console.WriteLine($"{options.Scenario}: {options.Clients} concurrent clients against {options.Url}, {(options.Skus.Count == 1 ? $"SKU {options.Skus[0]}" : $"{options.Skus.Count} SKUs")}, " +
                  $"{options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, {Environment.ProcessorCount} cores, " +
                  (options.Rate > 0 ? $"{options.Rate:0} requests/s scheduled (latency from each request's scheduled time)" : "flat out"));
var collected = OwnCollections.Now();
var report = await LoadRun.RunAsync(flow, options);
report.Print(Console.Out);
OwnCollections.Now().PrintSince(collected, Console.Out);
await flow.AfterRunAsync(Console.Out);
