using System.Globalization;
using System.Text.Json;
using CsvHelper;
using FluentValidation.Results;

namespace Shop.CatalogApi.Products.Staff;

/// <summary>A product read from an import, and how to name its fields in errors so staff find the row to fix.</summary>
public sealed record ImportedProduct(NewProductInput Input, Func<string, string> FieldName);

/// <summary>
/// Reads an import. JSON: an array of products as <c>POST /api/products</c> takes them; errors name
/// <c>products[i].field</c>. CSV: one row per variant, rows with the same slug make one product whose details come
/// from its first row; columns <c>slug, name, description, category, brand, price, currency, compareAtPrice,
/// published, sku, skuPrice, skuCompareAtPrice, onHand, weightGrams</c>, plus <c>option:NAME</c> and
/// <c>attr:NAME</c> columns (an attribute is a number, true/false, or else text); errors name <c>rows[n].field</c>
/// with n the data row (the header is not counted).
/// </summary>
public static class ProductImportParser
{
    public const int MaxProducts = 1000;

    public static List<ImportedProduct> FromJson(List<NewProductInput> products) =>
        products.Select((input, i) => new ImportedProduct(input, field => $"products[{i}].{field}")).ToList();

    public static List<ImportedProduct> FromCsv(string text, List<ValidationFailure> failures)
    {
        var groups = new Dictionary<string, (NewProductInput Product, int FirstRow, List<int> SkuRows)>(StringComparer.Ordinal);
        using var csv = CsvReader.FromText(text, null);
        var headers = csv.Headers.ToList();
        foreach (var required in new[] { "slug", "name", "category", "brand", "price", "sku" })
        {
            if (!headers.Contains(required))
            {
                failures.Add(new ValidationFailure("header", $"The CSV has no '{required}' column."));
            }
        }

        foreach (var repeated in headers.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add(new ValidationFailure("header", $"The CSV has the '{repeated.Key}' column twice."));
        }

        if (failures.Count > 0)
        {
            return [];
        }

        while (csv.Read())
        {
            var row = (int)csv.RowNumber;
            string Field(string name) => headers.Contains(name) ? csv.GetString(name).Trim() : "";
            long? Number(string name, bool required = false)
            {
                var value = Field(name);
                if (value.Length == 0 && !required)
                {
                    return null;
                }

                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                failures.Add(new ValidationFailure($"rows[{row}].{name}", $"'{value}' is not a whole number."));
                return null;
            }

            var sku = new SkuInput
            {
                Code = Field("sku"),
                Price = Number("skuPrice"),
                CompareAtPrice = Number("skuCompareAtPrice"),
                OnHand = (int)Math.Clamp(Number("onHand") ?? 0, int.MinValue, int.MaxValue),
                WeightGrams = (int)Math.Clamp(Number("weightGrams") ?? 0, int.MinValue, int.MaxValue),
                Options = headers.Where(h => h.StartsWith("option:", StringComparison.Ordinal) && Field(h).Length > 0)
                    .ToDictionary(h => h["option:".Length..], Field),
            };

            var slug = Field("slug");
            if (groups.TryGetValue(slug, out var group))
            {
                group.Product.Skus.Add(sku);
                group.SkuRows.Add(row);
                continue;
            }

            var published = Field("published");
            if (published.Length > 0 && !bool.TryParse(published, out _))
            {
                failures.Add(new ValidationFailure($"rows[{row}].published", "Published is true or false."));
            }

            var product = new NewProductInput
            {
                Slug = slug,
                Name = Field("name"),
                Description = Field("description"),
                Category = Field("category"),
                Brand = Field("brand"),
                Price = Number("price", required: true) ?? 0,
                Currency = Field("currency") is { Length: > 0 } currency ? currency : "EUR",
                CompareAtPrice = Number("compareAtPrice"),
                Published = bool.TryParse(published, out var isPublished) && isPublished,
                Attributes = headers.Where(h => h.StartsWith("attr:", StringComparison.Ordinal) && Field(h).Length > 0)
                    .ToDictionary(h => h["attr:".Length..], h => TypedValue(Field(h))),
                Skus = [sku],
            };
            groups[slug] = (product, row, [row]);
        }

        return groups.Values.Select(g => new ImportedProduct(g.Product, field => RowOf(field, g.FirstRow, g.SkuRows))).ToList();
    }

    /// <summary>"skus[1].onHand" is about the product's second variant's row; anything else about its first row.</summary>
    private static string RowOf(string field, int firstRow, List<int> skuRows)
    {
        if (field.StartsWith("skus[", StringComparison.Ordinal) && field.IndexOf(']') is var end and > 5
            && int.TryParse(field[5..end], CultureInfo.InvariantCulture, out var index) && index < skuRows.Count)
        {
            var rest = field[(end + 1)..].TrimStart('.');
            return $"rows[{skuRows[index]}].{(rest is "" or "code" ? "sku" : rest)}";
        }

        return $"rows[{firstRow}].{field}";
    }

    private static JsonElement TypedValue(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonSerializer.SerializeToElement(number);
        }

        return bool.TryParse(text, out var boolean) ? JsonSerializer.SerializeToElement(boolean) : JsonSerializer.SerializeToElement(text);
    }
}
