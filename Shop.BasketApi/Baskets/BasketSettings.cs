using System.ComponentModel.DataAnnotations;

namespace Shop.BasketApi.Baskets;

public sealed class BasketSettings
{
    public const string Section = "Baskets";

    /// <summary>A guest basket nobody touches for this long is deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan GuestTimeToLive { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A customer's basket nobody touches for this long is deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CustomerTimeToLive { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The store's currency, shown for an empty basket's subtotal.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "EUR";

    /// <summary>The most of one SKU a basket may hold.</summary>
    [Range(1, 1000)]
    public int MaxQuantityPerLine { get; set; } = 10;

    /// <summary>A basket with items, unchanged this long, whose owner has an email, is announced as abandoned once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a basket shows the catalog's answer about a SKU (price, name, image, stock) and accepts adds and
    /// quantity changes by it without asking again, when no ProductChanged event dropped it sooner; zero asks every
    /// time. Refusals and checkout always ask the catalog.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CatalogSnapshotLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most catalog answers kept in memory (with their products' bookkeeping).</summary>
    [Range(100, 10_000_000)]
    public long CatalogSnapshotLimit { get; set; } = 200_000;

    /// <summary>How often baskets are checked for abandonment.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AbandonmentCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
