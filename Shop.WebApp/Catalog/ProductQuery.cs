using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.WebApp.Catalog;

/// <summary>
/// A product listing as the URL says it (filters, sort and page live in the query string, so a listing can be
/// linked, bookmarked and crawled). Prices in the URL are whole currency units; the API takes minor units.
/// </summary>
public sealed record ProductQuery
{
    public const int PageSize = 12;

    /// <summary>Sorts both the product listing and search understand; no sort means the API's default (newest, or best match for a search).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("newest", "Newest"),
        ("price-asc", "Price: low to high"),
        ("price-desc", "Price: high to low"),
    ];

    public string? Category { get; init; }
    public string? Brand { get; init; }
    public int? MinPrice { get; init; }
    public int? MaxPrice { get; init; }
    public bool InStock { get; init; }
    public string? Text { get; init; }
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;

    public static ProductQuery FromUrl(IQueryCollection query, string? category = null) => new()
    {
        Category = category,
        Brand = string.IsNullOrWhiteSpace(query["brand"]) ? null : query["brand"].ToString()[..Math.Min(120, query["brand"].ToString().Length)],
        MinPrice = WholeNumber(query["min"]),
        MaxPrice = WholeNumber(query["max"]),
        InStock = query["stock"] == "1",
        Text = Words(query["q"]),
        Sort = Sorts.Any(s => s.Value == query["sort"]) ? query["sort"].ToString() : null,
        Page = WholeNumber(query["page"]) is { } page and >= 1 and <= 10_000 ? page : 1,
    };

    /// <summary>
    /// The catalog API's query string for this listing; <paramref name="textParameter"/> names the words: "q" for
    /// /api/search, "text" for the product listing's plain filter.
    /// </summary>
    public string ToApiQuery(string textParameter = "text")
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("page", Page.ToString(CultureInfo.InvariantCulture)),
            new("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (Sort is not null) parameters.Add(new("sort", Sort));
        if (Category is not null) parameters.Add(new("category", Category));
        if (Brand is not null) parameters.Add(new("brand", Brand));
        if (MinPrice is { } min) parameters.Add(new("minPrice", (min * 100L).ToString(CultureInfo.InvariantCulture)));
        if (MaxPrice is { } max) parameters.Add(new("maxPrice", (max * 100L + 99).ToString(CultureInfo.InvariantCulture)));
        if (InStock) parameters.Add(new("inStock", "true"));
        if (Text is not null) parameters.Add(new(textParameter, Text));
        return QueryString.Create(parameters).ToString();
    }

    /// <summary>This listing's own URL on <paramref name="path"/>, with defaults left out so URLs stay short.</summary>
    public string ToUrl(string path)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Text is not null) parameters.Add(new("q", Text));
        if (Brand is not null) parameters.Add(new("brand", Brand));
        if (MinPrice is { } min) parameters.Add(new("min", min.ToString(CultureInfo.InvariantCulture)));
        if (MaxPrice is { } max) parameters.Add(new("max", max.ToString(CultureInfo.InvariantCulture)));
        if (InStock) parameters.Add(new("stock", "1"));
        if (Sort is not null) parameters.Add(new("sort", Sort));
        if (Page > 1) parameters.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        return path + QueryString.Create(parameters);
    }

    public bool HasFilters => Brand is not null || MinPrice is not null || MaxPrice is not null || InStock;

    private static string? Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(200, text.Trim().Length)];

    private static int? WholeNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 1_000_000 ? value : null;
}
