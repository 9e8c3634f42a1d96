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

    /// <summary>
    /// Every cookie the storefront sets (session, basket, notice, antiforgery) is marked Secure, whatever the request's
    /// scheme: for a deployment behind a TLS-terminating ingress that forwards plain HTTP (Azure Container Apps), where
    /// "same as the request" would send them unmarked. Off for plain-HTTP local runs; the deployment manifest turns it on.
    /// </summary>
    public bool SecureCookies { get; set; }

    /// <summary>How long a signed-in session lasts without visits (the refresh token's own lifetime also bounds it).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(14);
}
