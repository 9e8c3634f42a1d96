namespace Shop.LoadTests;

/// <param name="Rate">Requests per second for all clients together, each client on a fixed schedule; 0 sends flat out.</param>
public sealed record LoadOptions(string Scenario, string Url, string Sku, int Clients, TimeSpan Duration, TimeSpan Warmup, double Rate)
{
    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("Name a scenario: basket or checkout.");
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            named[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            named.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

        return new LoadOptions(
            args[0],
            Get("url", "http://localhost:5100"),
            Get("sku"),
            int.Parse(Get("clients", args[0] == "checkout" ? "20" : "50"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("duration", "30"), System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Get("warmup", "5"), System.Globalization.CultureInfo.InvariantCulture)),
            double.Parse(Get("rate", "0"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
