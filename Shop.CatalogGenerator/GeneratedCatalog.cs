using Shop.CatalogApi.Data;

namespace Shop.CatalogGenerator;

public sealed record ShelfRef(int CategoryId, DemoCatalog.Shelf Shelf, IReadOnlyList<(string Slug, string Name)> Path);

public sealed record BrandRef(int Id, string Name, string Slug);

public sealed record GeneratedSku(string Code, string OptionsJson, int OnHand, int WeightGrams);

public sealed record GeneratedProduct(
    Guid Id, string Name, string Slug, string Description, ShelfRef Shelf, BrandRef Brand, long Price,
    DateTimeOffset CreatedAt, IReadOnlyList<GeneratedSku> Skus, string Colour, int WarrantyYears)
{
    /// <summary>The product's attributes as search documents carry them: a colour (text) and a warranty (number).</summary>
    public IReadOnlyList<Shop.CatalogApi.Search.SearchAttribute> Attributes =>
    [
        Shop.CatalogApi.Search.SearchAttribute.From("colour", Shop.CatalogApi.Domain.AttributeKind.Text, Colour, null, null),
        Shop.CatalogApi.Search.SearchAttribute.From("warranty-years", Shop.CatalogApi.Domain.AttributeKind.Number, null, WarrantyYears, null),
    ];

    public bool InStock => Skus.Any(s => s.OnHand > 0);
}

/// <summary>
/// Products made from the demo catalog's word lists plus invented model names (so the vocabulary grows with the
/// catalog, as real ones do). Product number n is the same on every run: a table can be written in one pass and
/// the next table in another.
/// </summary>
public sealed class GeneratedCatalog(IReadOnlyList<ShelfRef> shelves, IReadOnlyList<BrandRef> brands, int seed)
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ven", "tor", "xel", "bri", "sta", "no", "qua", "zen", "dri", "fal", "gor", "hel",
        "ix", "jun", "kor", "lum", "mar", "nex", "ol", "pra", "rin", "sol", "tri", "ul", "vor", "wen", "yar", "zo",
    ];

    private static readonly string[] Colours = ["Black", "Navy", "Olive", "Sand", "Charcoal", "Rust", "Stone", "Burgundy"];
    private static readonly string[] Sizes = ["S", "M", "L", "XL"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IEnumerable<GeneratedProduct> Products(long from, long count)
    {
        for (var n = from; n < from + count; n++)
        {
            yield return Product(n);
        }
    }

    private GeneratedProduct Product(long n)
    {
        // Not HashCode.Combine: it is salted per process, and product n must be the same on every run.
        var random = new Random(unchecked(seed * 1_000_003 + (int)n * 7_919));
        var shelf = shelves[random.Next(shelves.Count)];
        var brand = brands[random.Next(brands.Count)];
        var noun = shelf.Shelf.Nouns[random.Next(shelf.Shelf.Nouns.Count)];
        var quality = shelf.Shelf.Qualities[random.Next(shelf.Shelf.Qualities.Count)];
        var model = ModelName(random);
        var name = $"{brand.Name} {model} {quality} {noun}";
        var features = shelf.Shelf.Features.OrderBy(_ => random.Next()).Take(2).ToArray();
        var colour = Colours[random.Next(Colours.Length)];
        var description = $"The {model} {noun.ToLowerInvariant()} by {brand.Name}: {quality.ToLowerInvariant()}, in {colour.ToLowerInvariant()}, "
            + $"with {features[0]} and {features[1]}.";
        var price = shelf.Shelf.MinPrice + (long)(random.NextDouble() * (shelf.Shelf.MaxPrice - shelf.Shelf.MinPrice)) / 10 * 10;
        var id = new Guid(Bytes(random));
        var slug = $"{DemoCatalog.Slugify(name)}-{n}";
        var created = Epoch.AddMinutes(random.Next(2 * 365 * 24 * 60));

        var code = $"GEN-{n}";
        var skus = shelf.Shelf.Sizes.Count > 0
            ? Sizes.Take(1 + random.Next(Sizes.Length)).Select(size => Sku($"{code}-{size}", $"{{\"size\":\"{size}\",\"colour\":\"{colour}\"}}", random, shelf)).ToList()
            : [Sku(code, $"{{\"colour\":\"{colour}\"}}", random, shelf)];
        // Drawn last, so every product keeps what earlier versions of the generator gave it.
        var warrantyYears = 1 + random.Next(5);
        return new GeneratedProduct(id, name, slug, description, shelf, brand, price, created, skus, colour, warrantyYears);
    }

    private static GeneratedSku Sku(string code, string options, Random random, ShelfRef shelf) =>
        new(code, options, random.Next(10) == 0 ? 0 : 1 + random.Next(80), shelf.Shelf.WeightGrams);

    private static string ModelName(Random random)
    {
        var syllables = 2 + random.Next(2);
        var model = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(model[0]) + model[1..];
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
