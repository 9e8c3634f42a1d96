namespace Shop.LoadTests;

/// <param name="Rate">Requests per second for all clients together, each client on a fixed schedule; 0 sends flat out.</param>
/// <param name="Paths">The rate scenario's file of paths to GET, one a line.</param>
/// <param name="SlowMilliseconds">Requests slower than this are listed by when they were due (<see cref="StallReport"/>).</param>
/// <param name="Skus">The SKUs to buy (<c>--sku</c>, comma-separated): a checkout picks one at random each time; baskets use the first.</param>
public sealed record LoadOptions(string Scenario, string Url, IReadOnlyList<string> Skus, int Clients, TimeSpan Duration, TimeSpan Warmup, double Rate, string Paths, double SlowMilliseconds)
{
    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("Name a scenario: basket, checkout or rate.");
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            named[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            named.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

        var options = new LoadOptions(
            args[0],
            Get("url", "http://localhost:5100"),
            args[0] == "rate" ? [] : Get("sku").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            int.Parse(Get("clients", args[0] == "checkout" ? "20" : "50"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("duration", "30"), System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Get("warmup", "5"), System.Globalization.CultureInfo.InvariantCulture)),
            double.Parse(Get("rate", "0"), System.Globalization.CultureInfo.InvariantCulture),
            args[0] == "rate" ? Get("paths") : "",
            double.Parse(Get("slow-ms", "20"), System.Globalization.CultureInfo.InvariantCulture));
        return options.Rate > 0 || (options.Rate == 0 && args[0] != "rate")
            ? options
            : throw new ArgumentException("--rate is a number of requests a second, above 0 for the rate scenario.");
    }
}
