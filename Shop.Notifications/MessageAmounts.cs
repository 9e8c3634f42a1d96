using System.Collections.Frozen;
using System.Globalization;

namespace Shop.Notifications;

/// <summary>
/// An amount in minor units as messages write it, with the currency's own number of decimals ("80.00 EUR",
/// "1234 JPY", "1.500 KWD"), from the culture data of a region using the currency; two where none is known.
/// </summary>
public static class MessageAmounts
{
    private const int DefaultMinorDigits = 2;

    private static readonly Lazy<FrozenDictionary<string, int>> MinorDigits = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(culture => (Currency: new RegionInfo(culture.Name).ISOCurrencySymbol, culture.NumberFormat.CurrencyDecimalDigits))
            .GroupBy(c => c.Currency, StringComparer.Ordinal)
            // Regions sharing a currency mostly agree; where they do not, the most common count.
            .ToFrozenDictionary(g => g.Key, g => g.GroupBy(c => c.CurrencyDecimalDigits).MaxBy(d => d.Count())!.Key, StringComparer.Ordinal));

    public static string Format(long minorUnits, string currency)
    {
        var digits = MinorDigits.Value.GetValueOrDefault(currency, DefaultMinorDigits);
        var major = minorUnits / (decimal)Math.Pow(10, digits);
        return $"{major.ToString("F" + digits, CultureInfo.InvariantCulture)} {currency}";
    }
}
