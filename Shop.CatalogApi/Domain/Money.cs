namespace Shop.CatalogApi.Domain;

/// <summary>An amount in the currency's minor units (cents), never a floating-point number.</summary>
public sealed record Money(long Amount, string Currency)
{
    public static Money Of(long amount, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code.", nameof(currency));
        }

        return new Money(amount, currency);
    }
}
