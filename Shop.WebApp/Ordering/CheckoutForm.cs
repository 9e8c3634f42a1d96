using Microsoft.AspNetCore.DataProtection;

namespace Shop.WebApp.Ordering;

/// <summary>
/// Everything the checkout steps collect, posted back whole at each step (hidden fields carry the steps not on
/// screen), so nothing typed is lost when a step is refused. Card numbers are never carried between requests.
/// </summary>
public sealed class CheckoutForm
{
    public const int DetailsStep = 1;
    public const int DeliveryStep = 2;
    public const int ReviewStep = 3;
    public const int PaymentStep = 4;

    public int Step { get; set; } = DetailsStep;

    /// <summary>next, back, place, pay, approve or reject: which button was pressed.</summary>
    public string? Action { get; set; }

    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; } = "DE";
    public string? Region { get; set; }
    public string? Phone { get; set; }
    public string? ShippingMethod { get; set; }
    public string? DiscountCode { get; set; }

    /// <summary>Made once per checkout, so a repeated "place order" gets the same order back.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The placed order awaiting payment, protected by the server (see PendingOrder).</summary>
    public string? Pending { get; set; }

    /// <summary>The card asked for 3-D Secure: the payment step shows the bank's confirmation instead of the card form.</summary>
    public bool Authenticating { get; set; }

    public string? CardNumber { get; set; }
    public string? ExpiryMonth { get; set; }
    public string? ExpiryYear { get; set; }
    public string? Cvc { get; set; }

    /// <summary>Which of our fields an API field error is about.</summary>
    public static string FieldFor(string apiField) => apiField switch
    {
        "email" => nameof(Email),
        "shippingMethod" => nameof(ShippingMethod),
        "discountCode" => nameof(DiscountCode),
        "cardNumber" => nameof(CardNumber),
        "expiryMonth" => nameof(ExpiryMonth),
        "expiryYear" => nameof(ExpiryYear),
        "cvc" => nameof(Cvc),
        _ when apiField.StartsWith("shippingAddress.", StringComparison.Ordinal) =>
            char.ToUpperInvariant(apiField["shippingAddress.".Length]) + apiField["shippingAddress.".Length..][1..],
        _ => "",
    };

    public static int StepOf(string field) => field switch
    {
        nameof(ShippingMethod) or nameof(DiscountCode) => DeliveryStep,
        nameof(CardNumber) or nameof(ExpiryMonth) or nameof(ExpiryYear) or nameof(Cvc) => PaymentStep,
        "" => ReviewStep,
        _ => DetailsStep,
    };

    public Address ToAddress() => new(Name ?? "", Line1 ?? "", Blank(Line2), City ?? "", PostalCode ?? "", Country ?? "", Blank(Region), Blank(Phone));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The order placed at review, carried to the payment step in the form: protected (encrypted and signed) by
/// ASP.NET Core data protection, so a shopper cannot swap in another order's payment secret.
/// </summary>
public sealed record PendingOrder(Guid OrderId, string ClientSecret, string? GuestToken, string Provider, string? PublishableKey)
{
    private const string Purpose = "Shop.WebApp.Checkout.PendingOrder";

    public string Protect(IDataProtectionProvider provider) =>
        provider.CreateProtector(Purpose).ToTimeLimitedDataProtector()
            .Protect(System.Text.Json.JsonSerializer.Serialize(this), TimeSpan.FromHours(2));

    public static PendingOrder? Unprotect(IDataProtectionProvider provider, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<PendingOrder>(
                provider.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
