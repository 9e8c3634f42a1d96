using System.ComponentModel.DataAnnotations;

namespace Shop.BasketApi.Baskets;

public sealed class BasketSettings
{
    public const string Section = "Baskets";

    /// <summary>A guest basket nobody touches for this long is deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan GuestTimeToLive { get; set; } = TimeSpan.FromDays(30);
}
