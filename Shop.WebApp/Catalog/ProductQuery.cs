using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Shop.WebApp.Api;

namespace Shop.WebApp.Catalog;

/// <summary>
/// A product listing as the URL says it (filters, sort and page live in the query string, so a listing can be
/// linked, bookmarked and crawled). Prices in the URL are whole currency units; the API takes minor units.
/// </summary>
public sealed record ProductQuery
{
    public const int PageSize = 12;

    /// <summary>At most this many brands at once, as the search API takes.</summary>
    public const int MaxBrands = 20;

    /// <summary>Sorts search understands; no sort means its default (newest, or best match for words).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("newest", "Newest"),
        ("price-asc", "Price: low to high"),
        ("price-desc", "Price: high to low"),
        ("rating", "Customer rating"),
    ];

    /// <summary>A category slug: the page's own (from its path) or a filter the shopper chose (search).</summary>
    public string? Category { get; init; }

    /// <summary>True when <see cref="Category"/> is the page's path rather than a filter in the query string.</summary>
    public bool CategoryInPath { get; init; }

    /// <summary>At most this many attributes, and values of each, as the search API takes.</summary>
    public const int MaxAttributes = 10;

    public const int MaxAttributeValues = 20;

    /// <summary>The query string's prefix of an attribute filter: <c>attr.colour=red&amp;attr.colour=blue</c> is red or blue.</summary>
    public const string AttributePrefix = "attr.";

    public IReadOnlyList<string> Brands { get; init; } = [];

    /// <summary>Attribute name → the values chosen (any of them); different attributes all apply.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public int? MinPrice { get; init; }
    public int? MaxPrice { get; init; }
    public bool InStock { get; init; }
    public string? Text { get; init; }
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;

    public static ProductQuery FromUrl(IQueryCollection query, string? pathCategory = null)
    {
        var (min, max) = PriceRange(query["price"]) ?? (WholeNumber(query["min"]), WholeNumber(query["max"]));
        return new()
        {
            Category = pathCategory ?? Slug(query["category"]),
            CategoryInPath = pathCategory is not null,
            Brands = query["brand"].Select(Slug).OfType<string>().Distinct().Take(MaxBrands).ToList(),
            Attributes = AttributesFrom(query),
            MinPrice = min,
            MaxPrice = max,
            InStock = query["stock"] == "1",
            Text = Words(query["q"]),
            Sort = Sorts.Any(s => s.Value == query["sort"]) ? query["sort"].ToString() : null,
            Page = WholeNumber(query["page"]) is { } page and >= 1 and <= 10_000 ? page : 1,
        };
    }

    /// <summary>The search API's query string for this listing.</summary>
    public string ToApiQuery()
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("page", Page.ToString(CultureInfo.InvariantCulture)),
            new("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (Sort is not null) parameters.Add(new("sort", Sort));
        if (Category is not null) parameters.Add(new("category", Category));
        parameters.AddRange(Brands.Select(b => new KeyValuePair<string, string?>("brand", b)));
        // Each value is a facet's key, sent quoted so the API takes it as written: a comma in it is no "or", and
        // "2.0" stays that text rather than the number 2.
        parameters.AddRange(AttributeParameters(value => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        if (MinPrice is { } min) parameters.Add(new("minPrice", (min * 100L).ToString(CultureInfo.InvariantCulture)));
        if (MaxPrice is { } max) parameters.Add(new("maxPrice", (max * 100L + 99).ToString(CultureInfo.InvariantCulture)));
        if (InStock) parameters.Add(new("inStock", "true"));
        if (Text is not null) parameters.Add(new("q", Text));
        return QueryString.Create(parameters).ToString();
    }

    /// <summary>This listing's own URL on <paramref name="path"/>, with defaults left out so URLs stay short.</summary>
    public string ToUrl(string path) => path + QueryString.Create(UrlParameters());

    /// <summary>The URL's query parameters, in the order <see cref="ToUrl"/> writes them.</summary>
    public List<KeyValuePair<string, string?>> UrlParameters()
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Text is not null) parameters.Add(new("q", Text));
        if (Category is not null && !CategoryInPath) parameters.Add(new("category", Category));
        parameters.AddRange(Brands.Select(b => new KeyValuePair<string, string?>("brand", b)));
        parameters.AddRange(AttributeParameters());
        if (MinPrice is { } min) parameters.Add(new("min", min.ToString(CultureInfo.InvariantCulture)));
        if (MaxPrice is { } max) parameters.Add(new("max", max.ToString(CultureInfo.InvariantCulture)));
        if (InStock) parameters.Add(new("stock", "1"));
        if (Sort is not null) parameters.Add(new("sort", Sort));
        if (Page > 1) parameters.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    /// <summary>The same words and page category without any filter or sort.</summary>
    public ProductQuery Cleared() => new() { Text = Text, Category = CategoryInPath ? Category : null, CategoryInPath = CategoryInPath };

    public bool HasFilters =>
        (Category is not null && !CategoryInPath) || Brands.Count > 0 || Attributes.Count > 0 || MinPrice is not null || MaxPrice is not null || InStock;

    public bool IsChosen(string attribute, string value) => Attributes.TryGetValue(attribute, out var values) && values.Contains(value);

    /// <summary>This listing with one more or one fewer value of an attribute (page 1: the results change).</summary>
    public ProductQuery Toggle(string attribute, string value)
    {
        var attributes = Attributes.ToDictionary(a => a.Key, a => a.Value);
        var values = attributes.GetValueOrDefault(attribute) ?? [];
        values = values.Contains(value) ? values.Where(v => v != value).ToList() : [.. values, value];
        if (values.Count == 0)
        {
            attributes.Remove(attribute);
        }
        else
        {
            attributes[attribute] = values;
        }

        return this with { Attributes = attributes, Page = 1 };
    }

    private IEnumerable<KeyValuePair<string, string?>> AttributeParameters(Func<string, string>? written = null) =>
        Attributes.SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string?>(AttributePrefix + a.Key, written is null ? v : written(v))));

    /// <summary>
    /// <c>attr.NAME</c> parameters with a well-formed name (what the catalog accepts: lower-case letters, digits and
    /// dashes); each value is one facet key, commas and all.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> AttributesFrom(IQueryCollection query) =>
        query.Where(q => q.Key.StartsWith(AttributePrefix, StringComparison.Ordinal) && IsAttributeName(q.Key[AttributePrefix.Length..]))
            .Select(q => (Name: q.Key[AttributePrefix.Length..],
                Values: (IReadOnlyList<string>)q.Value.OfType<string>().Select(v => v.Trim())
                    .Where(v => v.Length is > 0 and <= 200).Distinct().Take(MaxAttributeValues).ToList()))
            .Where(a => a.Values.Count > 0)
            .Take(MaxAttributes)
            .ToDictionary(a => a.Name, a => a.Values);

    private static bool IsAttributeName(string name) =>
        name.Length is > 0 and <= 40 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// The value a price-range facet has in the filter form: "25-50" is from €25 up to (not including) €50, "500-"
    /// is €500 and up. Facet bounds are whole currency units, as the catalog's configured ranges are.
    /// </summary>
    public static string PriceRangeValue(long fromMinor, long? toMinor) =>
        $"{fromMinor / 100}-{(toMinor is { } to ? (to / 100).ToString(CultureInfo.InvariantCulture) : "")}";

    /// <summary>True when this listing's price filter is exactly the facet's range.</summary>
    public bool IsPriceRange(long fromMinor, long? toMinor) =>
        PriceRange(PriceRangeValue(fromMinor, toMinor)) is var (min, max) && (MinPrice ?? 0) == (min ?? 0) && MaxPrice == max;

    /// <summary>"25-50" → (25, 49): the form's exclusive upper end becomes the URL's inclusive whole units.</summary>
    private static (int? Min, int? Max)? PriceRange(string? value)
    {
        if (value is null || value.Split('-') is not [var from, var to])
        {
            return null;
        }

        var min = WholeNumber(from);
        var end = WholeNumber(to);
        return min is null || (to.Length > 0 && (end is null || end <= min)) ? null : (min == 0 ? null : min, end - 1);
    }

    private static string? Slug(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 120 ? null : text.Trim();

    private static string? Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(200, text.Trim().Length)];

    private static int? WholeNumber(string? text) => Lenient.WholeNumber(text) is { } value and <= 1_000_000 ? value : null;
}
