using System.Globalization;
using Microsoft.Extensions.Primitives;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Products;

namespace Shop.CatalogApi.Search;

/// <summary>
/// One attribute of an indexed product. <see cref="Value"/> is the value as shown (a number in plain invariant form,
/// "180" or "1.5"; a boolean "true"/"false"); <see cref="Key"/> is what filters and facets compare: the value in
/// lower case, so "Red" and "red" are one choice.
/// </summary>
public sealed record SearchAttribute(string Name, string Label, string Value, decimal? Number)
{
    public string Key => SearchAttributes.Key(Value);

    public static SearchAttribute From(string name, AttributeKind kind, string? text, decimal? number, bool? boolean) => kind switch
    {
        AttributeKind.Number => new(name, SearchAttributes.Label(name), SearchAttributes.NumberText(number!.Value), number),
        AttributeKind.Boolean => new(name, SearchAttributes.Label(name), boolean!.Value ? "true" : "false", null),
        _ => new(name, SearchAttributes.Label(name), text!, null),
    };
}

/// <summary>A number attribute's range, ends included; either end may be open.</summary>
public sealed record NumberRange(decimal? Min, decimal? Max);

/// <summary>
/// A filter on one attribute: the product's value is one of <see cref="Keys"/> (compared as <see cref="SearchAttribute.Key"/>)
/// or, for a number, in one of <see cref="Ranges"/>.
/// </summary>
public sealed record AttributeCondition(string Name, IReadOnlyList<string> Keys, IReadOnlyList<NumberRange> Ranges);

public static class SearchAttributes
{
    /// <summary>At most this many attributes, and values of each, are returned as facets (the most frequent).</summary>
    public const int MaxFacetAttributes = 10;

    public const int MaxFacetValues = 20;

    /// <summary>Values one attribute filter may list.</summary>
    public const int MaxValuesPerFilter = 20;

    public static string Key(string value) => value.Trim().ToLowerInvariant();

    public static string NumberText(decimal number) => number.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The catalog names attributes by slug only; shoppers read "weight-grams" as "Weight grams".</summary>
    public static string Label(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ');

    /// <summary>
    /// The <c>attr.NAME</c> query parameters, as <c>/api/products</c> takes them: each value (repeated parameters,
    /// or several in one separated by commas) is a text, a number, <c>true</c>/<c>false</c> or a number range
    /// <c>MIN..MAX</c>, or a text in double quotes taken as written (a facet's key); a product passes when it has any
    /// of them. Errors name the parameter.
    /// </summary>
    public static (List<AttributeCondition> Conditions, List<(string Field, string Error)> Errors) Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var conditions = new List<AttributeCondition>();
        var errors = new List<(string, string)>();
        foreach (var (parameter, values) in query.Where(q => q.Key.StartsWith(AttributeFilter.QueryPrefix, StringComparison.Ordinal)))
        {
            var name = parameter[AttributeFilter.QueryPrefix.Length..];
            if (!ProductAttribute.IsValidName(name))
            {
                errors.Add((parameter, "An attribute name is lower-case letters, digits and dashes."));
                continue;
            }

            var split = values.Select(v => AttributeFilter.SplitValues(v ?? "")).ToList();
            if (split.Any(s => s is null))
            {
                errors.Add((parameter, AttributeFilter.QuoteError));
                continue;
            }

            var pieces = split.SelectMany(s => s!).ToList();
            if (pieces.Count > MaxValuesPerFilter)
            {
                errors.Add((parameter, $"At most {MaxValuesPerFilter} values for one attribute."));
                continue;
            }

            var keys = new List<string>();
            var ranges = new List<NumberRange>();
            string? error = null;
            foreach (var (piece, quoted) in pieces)
            {
                if (piece.Length is 0 or > ProductAttribute.MaxTextLength)
                {
                    error = "Each value of an attribute filter is 1 to 200 characters.";
                }
                else if (quoted)
                {
                    // As written: the way to choose a text such as "2.0" or "black, matte", as facets show it.
                    keys.Add(Key(piece));
                }
                else if (piece.Contains("..", StringComparison.Ordinal))
                {
                    var ends = piece.Split("..", 2);
                    var min = ParseNumber(ends[0]);
                    var max = ParseNumber(ends[1]);
                    if ((ends[0].Length > 0 && min is null) || (ends[1].Length > 0 && max is null) || (min is null && max is null))
                    {
                        error = "A range is MIN..MAX with numbers; either end may be left out.";
                    }
                    else if (min > max)
                    {
                        error = "A range's minimum is at most its maximum.";
                    }
                    else
                    {
                        ranges.Add(new NumberRange(min, max));
                    }
                }
                else
                {
                    // A number matches number attributes of that value and texts spelt the same way.
                    keys.Add(ParseNumber(piece) is { } number ? NumberText(number) : Key(piece));
                }
            }

            if (error is not null)
            {
                errors.Add((parameter, error));
            }
            else
            {
                conditions.Add(new AttributeCondition(name, keys.Distinct().ToList(), ranges));
            }
        }

        if (conditions.Count > AttributeFilter.MaxFilters)
        {
            errors.Add(("attr", $"At most {AttributeFilter.MaxFilters} attribute filters."));
        }

        return (conditions, errors);
    }

    /// <summary>
    /// Counted values (name, key, shown value, count) as facets: the most frequent attributes and values, always
    /// with the attributes and values the query filters on, so a choice can be undone.
    /// </summary>
    public static IReadOnlyList<AttributeFacet> Facets(IEnumerable<(string Name, string Key, string Value, long Count)> counted, IReadOnlyList<AttributeCondition> filters)
    {
        var chosen = filters.ToDictionary(f => f.Name, f => f.Keys);
        var values = counted.ToList();
        // A chosen value nothing has any more still shows (with 0), so it can be unticked.
        values.AddRange(filters.SelectMany(f => f.Keys.Select(k => (f.Name, Key: k)))
            .Where(c => !values.Any(v => v.Name == c.Name && v.Key == c.Key))
            .Select(c => (c.Name, c.Key, c.Key, 0L)).ToList());
        return values
            .GroupBy(c => c.Name)
            .Select(g => (Name: g.Key, Products: g.Sum(v => v.Count), Values: g.ToList()))
            .OrderByDescending(a => chosen.ContainsKey(a.Name)).ThenByDescending(a => a.Products).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(MaxFacetAttributes)
            .Select(a =>
            {
                var keys = chosen.GetValueOrDefault(a.Name) ?? [];
                var shown = a.Values
                    .OrderByDescending(v => keys.Contains(v.Key)).ThenByDescending(v => v.Count).ThenBy(v => v.Key, StringComparer.Ordinal)
                    .Take(Math.Max(MaxFacetValues, keys.Count))
                    .Select(v => new FacetValue(v.Key, v.Value, v.Count));
                return new AttributeFacet(a.Name, Label(a.Name), shown.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList());
            })
            .ToList();
    }

    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : null;
}
