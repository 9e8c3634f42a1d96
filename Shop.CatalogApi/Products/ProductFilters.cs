using System.Globalization;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Products;

/// <summary>How a listing is ordered; relevance belongs to search.</summary>
public static class ProductSort
{
    public const string Newest = "newest";
    public const string PriceAscending = "price-asc";
    public const string PriceDescending = "price-desc";
    public const string Rating = "rating";

    public static readonly string[] All = [Newest, PriceAscending, PriceDescending, Rating];
}

/// <summary>
/// A filter on one attribute, from <c>attr.NAME=VALUE</c>: <c>wool</c> or <c>wool,linen</c> (any of these texts; a
/// piece that is a number, as in <c>10,12</c>, also matches number attributes of that value), <c>true</c>/<c>false</c>
/// (a boolean), <c>350</c> (a number, or a text spelt so) or <c>100..500</c>, <c>100..</c>, <c>..500</c> (a number
/// range, ends included). A piece in double quotes is that text as it is: <c>"black, matte"</c>, <c>"2.0"</c>,
/// <c>"a..b"</c> (<c>""</c> inside is a quote).
/// </summary>
public sealed record AttributeFilter(string Name, IReadOnlyList<string> Texts, IReadOnlyList<decimal> Numbers, bool? Boolean, decimal? Min, decimal? Max)
{
    public const string QueryPrefix = "attr.";
    public const int MaxFilters = 10;

    public bool IsRange => Min is not null || Max is not null;

    /// <summary>The filter, or why the value makes no sense.</summary>
    public static (AttributeFilter? Filter, string? Error) Parse(string name, string value)
    {
        if (!ProductAttribute.IsValidName(name))
        {
            return (null, "An attribute name is lower-case letters, digits and dashes.");
        }

        value = value.Trim();
        if (value.Length is 0 or > ProductAttribute.MaxTextLength)
        {
            return (null, "An attribute filter needs a value of at most 200 characters.");
        }

        if (SplitValues(value) is not { } pieces)
        {
            return (null, QuoteError);
        }

        if (pieces.Any(p => p.Quoted))
        {
            var literal = pieces.Where(p => p.Text.Length > 0).ToList();
            return (new AttributeFilter(name, literal.Select(p => p.Text).ToList(),
                literal.Where(p => !p.Quoted).Select(p => ParseNumber(p.Text)).OfType<decimal>().ToList(), null, null, null), null);
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            var ends = value.Split("..", 2);
            var min = ParseNumber(ends[0]);
            var max = ParseNumber(ends[1]);
            if ((ends[0].Length > 0 && min is null) || (ends[1].Length > 0 && max is null) || (min is null && max is null))
            {
                return (null, "A range is MIN..MAX with numbers; either end may be left out.");
            }

            return min > max ? (null, "A range's minimum is at most its maximum.") : (new AttributeFilter(name, [], [], null, min, max), null);
        }

        var number = ParseNumber(value);
        if (number is not null)
        {
            return (new AttributeFilter(name, [value], [number.Value], null, number, number), null);
        }

        if (bool.TryParse(value, out var boolean))
        {
            return (new AttributeFilter(name, [value], [], boolean, null, null), null);
        }

        var texts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var numbers = texts.Select(ParseNumber).OfType<decimal>().ToList();
        return (new AttributeFilter(name, texts, numbers, null, null, null), null);
    }

    public const string QuoteError = "A quoted value ends with a quote before the next comma; write \"\" for a quote inside it.";

    /// <summary>
    /// The comma-separated pieces of a filter's value, each trimmed; a piece in double quotes is kept as written
    /// (commas and dots included, <c>""</c> a quote) and marked quoted. Null when a quote is left open or text follows it.
    /// </summary>
    public static List<(string Text, bool Quoted)>? SplitValues(string value)
    {
        var pieces = new List<(string, bool)>();
        var i = 0;
        while (true)
        {
            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            if (i < value.Length && value[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= value.Length)
                    {
                        return null;
                    }

                    if (value[i] == '"' && (i + 1 >= value.Length || value[i + 1] != '"'))
                    {
                        break;
                    }

                    text.Append(value[i]);
                    i += value[i] == '"' ? 1 : 0;
                }

                for (i++; i < value.Length && char.IsWhiteSpace(value[i]); i++)
                {
                }

                if (i < value.Length && value[i] != ',')
                {
                    return null;
                }

                pieces.Add((text.ToString(), true));
            }
            else
            {
                var end = value.IndexOf(',', i);
                end = end < 0 ? value.Length : end;
                pieces.Add((value[i..end].Trim(), false));
                i = end;
            }

            if (i >= value.Length)
            {
                return pieces;
            }

            i++;
        }
    }

    // No thousands separators: a comma separates values ("10,12" is ten or twelve, never 1012).
    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite
            | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number) ? number : null;
}
