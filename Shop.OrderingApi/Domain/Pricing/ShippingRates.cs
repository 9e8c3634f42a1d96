using System.ComponentModel.DataAnnotations;

namespace Shop.OrderingApi.Domain.Pricing;

/// <summary>A price for parcels up to a weight, for a set of countries ("*" for any other country).</summary>
public sealed class ShippingRate
{
    [MinLength(1)]
    public List<string> Countries { get; set; } = [];

    /// <summary>The heaviest parcel this price covers; null for no limit.</summary>
    public int? UpToGrams { get; set; }

    [Range(0, long.MaxValue)]
    public long Price { get; set; }
}

public sealed class ShippingMethodSettings
{
    [Required]
    public string Name { get; set; } = "";

    [Range(0, 365)]
    public int MinDeliveryDays { get; set; }

    [Range(0, 365)]
    public int MaxDeliveryDays { get; set; }

    /// <summary>Orders worth at least this much (after discount) ship free; null when they never do.</summary>
    public long? FreeFrom { get; set; }

    [MinLength(1)]
    public List<ShippingRate> Rates { get; set; } = [];
}

/// <summary>Shipping methods and their rates by country and weight; bound from the <c>Shipping</c> section.</summary>
public sealed class ShippingSettings
{
    public const string Section = "Shipping";

    [MinLength(1)]
    public Dictionary<string, ShippingMethodSettings> Methods { get; set; } = [];

    /// <summary>
    /// The price for a parcel: the lightest bracket that covers the weight, preferring a rate that names the
    /// country over the "*" rate. Null when the method does not ship there (or nothing covers the weight).
    /// </summary>
    public long? PriceFor(string method, string country, int weightGrams, long orderValue)
    {
        if (!Methods.TryGetValue(method, out var settings))
        {
            return null;
        }

        var rates = settings.Rates.Where(r => r.Countries.Contains(country, StringComparer.OrdinalIgnoreCase)).ToList();
        if (rates.Count == 0)
        {
            rates = settings.Rates.Where(r => r.Countries.Contains("*")).ToList();
        }

        var rate = rates.Where(r => r.UpToGrams is null || weightGrams <= r.UpToGrams)
            .OrderBy(r => r.UpToGrams ?? int.MaxValue)
            .FirstOrDefault();
        if (rate is null)
        {
            return null;
        }

        return settings.FreeFrom is { } freeFrom && orderValue >= freeFrom ? 0 : rate.Price;
    }
}
