using System.Collections.Frozen;
using System.Globalization;

namespace Shop.WebApp.Catalog;

/// <summary>
/// Formats a price the same way whatever culture the server runs in: the currency's symbol, then the amount with
/// "," grouping and "." decimals, e.g. "€1,249.00". The symbol and number of minor digits come from the culture
/// data of a region using the currency; without culture data (invariant globalization) it shows "EUR 1,249.00".
/// </summary>
public static class MoneyFormatter
{
    private const int DefaultMinorDigits = 2;

    private sealed record CurrencyFormat(string Symbol, int MinorDigits);

    private static readonly Lazy<FrozenDictionary<string, CurrencyFormat>> Formats = new(LoadFormats);

    public static string Format(Money money)
    {
        var format = Formats.Value.GetValueOrDefault(money.Currency)
            ?? new CurrencyFormat(money.Currency + " ", DefaultMinorDigits);
        var major = Math.Abs(money.Amount) / (decimal)Math.Pow(10, format.MinorDigits);
        var sign = money.Amount < 0 ? "-" : "";
        return sign + format.Symbol + major.ToString("N" + format.MinorDigits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Several regions share a currency; prefer the one it is named after (a national currency's code starts with
    /// its country's code, like USD and US), then English, so USD is "$" rather than "US$".
    /// </summary>
    private static FrozenDictionary<string, CurrencyFormat> LoadFormats() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(culture => (Culture: culture, Region: new RegionInfo(culture.Name)))
            .GroupBy(c => c.Region.ISOCurrencySymbol, StringComparer.Ordinal)
            .ToFrozenDictionary(
                currency => currency.Key,
                currency => currency
                    .OrderBy(c => currency.Key.StartsWith(c.Region.Name, StringComparison.Ordinal) ? 0 : 1)
                    .ThenBy(c => c.Culture.TwoLetterISOLanguageName == "en" ? 0 : 1)
                    .ThenBy(c => c.Culture.Name, StringComparer.Ordinal)
                    .Select(c => new CurrencyFormat(c.Region.CurrencySymbol, c.Culture.NumberFormat.CurrencyDecimalDigits))
                    .First(),
                StringComparer.Ordinal);
}
