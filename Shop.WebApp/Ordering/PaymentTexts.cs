namespace Shop.WebApp.Ordering;

/// <summary>How the storefront tells a shopper why a card was refused.</summary>
public static class PaymentTexts
{
    public static string Decline(string? code) => code switch
    {
        "insufficient_funds" => "insufficient funds",
        "expired_card" => "the card has expired",
        "incorrect_cvc" => "the security code is wrong",
        _ => "declined by the bank",
    };
}
