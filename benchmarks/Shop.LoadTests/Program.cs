using Shop.LoadTests;

// Multi-step shopper flows against a running storefront, which a single-URL tool like hey cannot script.
//   basket   --url http://localhost:5100 --sku CODE [--clients 50] [--duration 30] [--warmup 5]
//   checkout --url http://localhost:5100 --sku CODE [--clients 20] [--duration 30] [--warmup 5]
// and GETs at a fixed rate, which hey and wrk cannot do with latency counted from the scheduled send:
//   rate --url http://localhost:5100 --paths FILE --rate 100 [--duration 30] [--warmup 5]
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
    (await FixedRateRun.RunAsync(http, paths, options.Rate, options.Warmup, options.Duration)).Print(Console.Out);
    return;
}

var flow = options.Scenario switch
{
    "basket" => (IShopperFlow)new BasketFlow(http, options.Sku),
    "checkout" => new CheckoutFlow(http, options.Sku),
    _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}': basket, checkout or rate."),
};

Console.WriteLine($"{options.Scenario}: {options.Clients} concurrent clients against {options.Url}, SKU {options.Sku}, " +
                  $"{options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, {Environment.ProcessorCount} cores");
var report = await LoadRun.RunAsync(flow, options);
report.Print(Console.Out);
await flow.AfterRunAsync(Console.Out);
