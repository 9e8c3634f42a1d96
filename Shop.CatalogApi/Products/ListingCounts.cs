using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Products;

/// <summary>
/// Exact listing totals from <c>"ProductListingCounts"</c>: how many listed products each (category, brand,
/// availability, price band) has, kept by triggers on <c>"Products"</c> (the ListingCounts migration). A price range
/// takes the bands it covers whole from there and counts the products of the bands it cuts from the (category, price)
/// index: at most two bands' worth, none when it starts and ends on a band's edge (2500..4999).
/// </summary>
public static class ListingCounts
{
    /// <summary>A price band's width in minor units; the migration's triggers divide by the same number.</summary>
    public const long PriceBandWidth = 500;

    /// <summary>
    /// How many published products pass these filters in each category (only categories with any; every category
    /// when <paramref name="categoryIds"/> is null), and the taxonomy version they were counted at (see
    /// <see cref="Categories.CatalogTaxonomy"/>): ids taken from an older copy of the taxonomy may be out of date. One
    /// statement.
    /// </summary>
    public static async Task<(Dictionary<int, long> Counts, long TaxonomyVersion)> CountAsync(
        CatalogDbContext db, IReadOnlyCollection<int>? categoryIds, int? brandId, long? minPrice, long? maxPrice, bool inStock, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter>();
        string Parameter(object value, NpgsqlDbType type)
        {
            var name = $"p{parameters.Count}";
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }

        var filters = new List<string>();
        if (categoryIds is not null)
        {
            filters.Add($"\"CategoryId\" = ANY({Parameter(categoryIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)})");
        }

        if (brandId is { } brand)
        {
            filters.Add($"\"BrandId\" = {Parameter(brand, NpgsqlDbType.Integer)}");
        }

        if (inStock)
        {
            filters.Add("\"InStock\"");
        }

        var (bands, edges) = Split(minPrice, maxPrice);
        var parts = new List<string>();
        if (bands is var (fromBand, toBand))
        {
            var inBands = new List<string>(filters);
            if (fromBand is { } from)
            {
                inBands.Add($"\"PriceBand\" >= {Parameter(from, NpgsqlDbType.Bigint)}");
            }

            if (toBand is { } to)
            {
                inBands.Add($"\"PriceBand\" < {Parameter(to, NpgsqlDbType.Bigint)}");
            }

            parts.Add($"SELECT \"CategoryId\", \"Count\" AS n FROM \"ProductListingCounts\"{Where(inBands)}");
        }

        foreach (var (low, high) in edges)
        {
            var inEdge = new List<string>(filters) { "\"IsPublished\"", "\"DeletedAt\" IS NULL" };
            inEdge.Add($"\"PriceAmount\" BETWEEN {Parameter(low, NpgsqlDbType.Bigint)} AND {Parameter(high, NpgsqlDbType.Bigint)}");
            parts.Add($"SELECT \"CategoryId\", 1 AS n FROM \"Products\"{Where(inEdge)}");
        }

        // Listed products always have a category: the row without one is the taxonomy version.
        var sql = $"SELECT k.\"CategoryId\", sum(k.n)::bigint AS \"Count\" FROM ({string.Join(" UNION ALL ", parts)}) k GROUP BY k.\"CategoryId\""
            + " UNION ALL SELECT NULL, \"Version\" FROM \"CatalogTaxonomyVersion\"";
        var rows = await db.Database.SqlQueryRaw<CategoryCount>(sql, [.. parameters]).ToListAsync(ct);
        return (rows.Where(c => c.CategoryId is not null).ToDictionary(c => c.CategoryId!.Value, c => c.Count), rows.Single(c => c.CategoryId is null).Count);
    }

    /// <summary>
    /// A price range (ends included) as the bands it covers whole (from, to exclusive; null for no bound), if any, and
    /// the price ranges of the bands it cuts.
    /// </summary>
    public static ((long? From, long? To)? Bands, List<(long Low, long High)> Edges) Split(long? minPrice, long? maxPrice)
    {
        // The first band starting at or after the minimum, and the band after the last one ending at or before the
        // maximum (no overflow near long.MaxValue).
        long? fromBand = minPrice is { } min ? min / PriceBandWidth + (min % PriceBandWidth == 0 ? 0 : 1) : null;
        long? toBand = maxPrice is { } max ? max / PriceBandWidth + (max % PriceBandWidth == PriceBandWidth - 1 ? 1 : 0) : null;
        if (fromBand is { } first && toBand is { } end && first >= end)
        {
            return (null, [(minPrice!.Value, maxPrice!.Value)]);
        }

        var edges = new List<(long, long)>();
        if (minPrice is { } low && fromBand is { } lowBand && low < lowBand * PriceBandWidth)
        {
            edges.Add((low, lowBand * PriceBandWidth - 1));
        }

        if (maxPrice is { } high && toBand is { } highBand && highBand * PriceBandWidth <= high)
        {
            edges.Add((highBand * PriceBandWidth, high));
        }

        return ((fromBand, toBand), edges);
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    private sealed record CategoryCount(int? CategoryId, long Count);
}
