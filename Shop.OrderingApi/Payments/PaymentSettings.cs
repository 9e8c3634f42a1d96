using System.ComponentModel.DataAnnotations;

namespace Shop.OrderingApi.Payments;

/// <summary>Bound from <c>Payments</c>. Without a Stripe secret key the built-in test gateway takes payments.</summary>
public sealed class PaymentSettings
{
    public const string Section = "Payments";

    /// <summary>How long stock stays reserved for an unpaid order before the order is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often unpaid orders past their window are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After this long, a checkout that has not saved its order never will: the stock it may have reserved is
    /// released. Longer than any placement can take, its calls' timeouts included.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PlacementTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public StripeSettings Stripe { get; set; } = new();

    public bool UseStripe => !string.IsNullOrWhiteSpace(Stripe.SecretKey);
}

public sealed class StripeSettings
{
    public string? SecretKey { get; set; }

    /// <summary>Given to the browser for Stripe Elements.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>Verifies that webhook calls come from Stripe (the endpoint's signing secret, whsec_...).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API address; only tests point it elsewhere.</summary>
    [Url]
    public string? ApiBase { get; set; }
}
