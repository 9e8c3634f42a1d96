using System.ComponentModel.DataAnnotations;

namespace Shop.OrderingApi.Domain.Pricing;

public sealed class TaxRate
{
    [Required, StringLength(2, MinimumLength = 2)]
    public string Country { get; set; } = "";

    /// <summary>A state or province; null for the whole country.</summary>
    public string? Region { get; set; }

    /// <summary>1900 is 19 %.</summary>
    [Range(0, 10_000)]
    public int RateBasisPoints { get; set; }
}

/// <summary>Tax rates by country and region, and whether catalog prices include tax; bound from <c>Tax</c>.</summary>
public sealed class TaxSettings
{
    public const string Section = "Tax";

    /// <summary>True where shelf prices include tax (as in the EU); false where tax is added at checkout (as in the US).</summary>
    public bool PricesIncludeTax { get; set; } = true;

    public List<TaxRate> Rates { get; set; } = [];

    /// <summary>A region's own rate first, then the country's; 0 where no rate is configured.</summary>
    public int RateFor(string country, string? region) =>
        Rates.FirstOrDefault(r => Same(r.Country, country) && region is not null && Same(r.Region, region))?.RateBasisPoints
        ?? Rates.FirstOrDefault(r => Same(r.Country, country) && r.Region is null)?.RateBasisPoints
        ?? 0;

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
