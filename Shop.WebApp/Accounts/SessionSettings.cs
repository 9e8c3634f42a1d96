using System.ComponentModel.DataAnnotations;

namespace Shop.WebApp.Accounts;

public sealed class SessionSettings
{
    public const string Section = "Session";

    /// <summary>
    /// How long before the access token expires the session exchanges its refresh token for a new pair, so a token
    /// never runs out between this server and an API.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a signed-in session lasts without visits (the refresh token's own lifetime also bounds it).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(14);
}
