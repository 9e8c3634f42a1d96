using System.Globalization;
using System.Text.Json;

namespace Shop.WebApp.BackOffice;

/// <summary>
/// What staff type in back-office forms, turned into what the APIs take and back: amounts in major units ("12.50")
/// to minor units, options as "size=M, colour=navy", attributes one "name: value" a line.
/// </summary>
public static class FormValues
{
    public static string Major(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string? Major(long? minor) => minor is { } value ? Major(value) : null;

    /// <summary>
    /// How staff write amounts and numbers: digits with a decimal point. A comma is refused rather than read as a
    /// thousands separator, so "12,50" (twelve fifty where a comma is the decimal mark) is never 1250.
    /// </summary>
    public const NumberStyles Decimal = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint;

    /// <summary>An amount like "12.50" in minor units; empty is null; anything else is an error for the field.</summary>
    public static bool TryMinor(string? text, out long? minor)
    {
        minor = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!TryAmount(text, out var major))
        {
            return false;
        }

        minor = (long)(major * 100);
        return true;
    }

    /// <summary>A positive or zero amount in major units with at most two decimals, up to 100,000,000.</summary>
    public static bool TryAmount(string? text, out decimal major) =>
        decimal.TryParse(text, Decimal, CultureInfo.InvariantCulture, out major) && decimal.Round(major, 2) == major && major <= 100_000_000;

    public static string Options(IReadOnlyDictionary<string, string> options) =>
        string.Join(", ", options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>"size=M, colour=navy"; null when a part has no "=".</summary>
    public static Dictionary<string, string>? ParseOptions(string? text)
    {
        var options = new Dictionary<string, string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
            {
                return null;
            }

            options[pair[0].ToLowerInvariant()] = pair[1];
        }

        return options;
    }

    public static string Attributes(IReadOnlyDictionary<string, JsonElement> attributes) =>
        string.Join("\n", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {(a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString() : a.Value.GetRawText())}"));

    /// <summary>One "name: value" a line; numbers and true/false keep their type. Null names the first bad line.</summary>
    public static (Dictionary<string, object>? Attributes, int BadLine) ParseAttributes(string? text)
    {
        var attributes = new Dictionary<string, object>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var pair = lines[i].Split(':', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
            {
                return (null, i + 1);
            }

            attributes[pair[0]] = pair[1] switch
            {
                "true" => true,
                "false" => false,
                // "1,5" stays text: a number is written with a point, like everywhere in these forms.
                var value when decimal.TryParse(value, Decimal | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
                var value => value,
            };
        }

        return (attributes, 0);
    }

    /// <summary>A slug from a name: lower-case letters and digits joined by single dashes.</summary>
    public static string Slug(string name)
    {
        var words = new string(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
                .Where(c => char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || c == '-').ToArray())
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('-', words);
    }
}
