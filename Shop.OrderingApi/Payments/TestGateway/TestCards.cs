namespace Shop.OrderingApi.Payments.TestGateway;

public enum TestCardBehaviour
{
    Succeeds,
    Declines,
    RequiresAuthentication,
}

/// <summary>The test gateway's cards, numbered and behaving like Stripe's test cards.</summary>
public static class TestCards
{
    private static readonly Dictionary<string, (TestCardBehaviour Behaviour, string? DeclineCode)> Cards = new()
    {
        ["4242424242424242"] = (TestCardBehaviour.Succeeds, null),
        ["5555555555554444"] = (TestCardBehaviour.Succeeds, null),
        ["4000000000000002"] = (TestCardBehaviour.Declines, "card_declined"),
        ["4000000000009995"] = (TestCardBehaviour.Declines, "insufficient_funds"),
        ["4000000000000069"] = (TestCardBehaviour.Declines, "expired_card"),
        ["4000000000000127"] = (TestCardBehaviour.Declines, "incorrect_cvc"),
        ["4000002500003155"] = (TestCardBehaviour.RequiresAuthentication, null),
        ["4000002760003184"] = (TestCardBehaviour.RequiresAuthentication, null),
    };

    /// <summary>How the card behaves; a number that is not a test card is declined as Stripe's test mode does.</summary>
    public static (TestCardBehaviour Behaviour, string? DeclineCode) Lookup(string cardNumber)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        return Cards.TryGetValue(digits, out var card) ? card : (TestCardBehaviour.Declines, "card_declined");
    }

    /// <summary>The Luhn check every real card number passes.</summary>
    public static bool IsWellFormed(string? cardNumber)
    {
        if (cardNumber is null)
        {
            return false;
        }

        var digits = cardNumber.Where(c => c != ' ').ToArray();
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
