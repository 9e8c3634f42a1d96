using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Search;

/// <summary>Reads what the index needs about products from the catalog, which is always the source of truth.</summary>
public sealed class SearchDocumentReader(CatalogDbContext db)
{
    /// <summary>The documents of these products; unpublished and deleted products have none.</summary>
    public async Task<IReadOnlyList<SearchDocument>> ReadAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var products = await Rows(Published().Where(p => productIds.Contains(p.Id))).ToListAsync(cancellationToken);
        var categories = await CategoriesAsync(cancellationToken);
        return products.Select(p => p.ToDocument(categories)).ToList();
    }

    /// <summary>
    /// Every published product's document, in batches ordered by id (so a large catalog is read in pieces). Each
    /// batch reads the category tree after its products: a category is never deleted while a product is in it, so
    /// every product's category is there, with its name as of then, however long the whole read takes.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<SearchDocument>> ReadAllAsync(
        int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var query = Published();
            if (after is { } last)
            {
                query = query.Where(p => p.Id > last);
            }

            var batch = await Rows(query.OrderBy(p => p.Id).Take(batchSize)).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            var categories = await CategoriesAsync(cancellationToken);
            yield return batch.Select(p => p.ToDocument(categories)).ToList();
            after = batch[^1].Id;
        }
    }

    private IQueryable<Product> Published() => db.Products.AsNoTracking().Where(p => p.IsPublished);

    private static IQueryable<ProductRow> Rows(IQueryable<Product> products) =>
        products.Select(p => new ProductRow(
            p.Id, p.Slug, p.Name, p.Description, p.Brand.Name, p.Brand.Slug, p.CategoryId, p.Price.Amount, p.Price.Currency,
            p.Skus.Any(s => s.OnHand - s.Reserved > 0),
            p.RatingCount == 0 ? null : (double)p.RatingSum / p.RatingCount, p.CreatedAt,
            p.Attributes.Select(a => new AttributeRow(a.Name, a.Kind, a.Text, a.Number, a.Boolean)).ToList()));

    private async Task<Dictionary<int, Category>> CategoriesAsync(CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);

    private sealed record AttributeRow(string Name, AttributeKind Kind, string? Text, decimal? Number, bool? Boolean);

    private sealed record ProductRow(
        Guid Id, string Slug, string Name, string Description, string Brand, string BrandSlug, int? CategoryId,
        long Price, string Currency, bool InStock, double? Rating, DateTimeOffset CreatedAt, List<AttributeRow> Attributes)
    {
        public SearchDocument ToDocument(IReadOnlyDictionary<int, Category> categories)
        {
            var path = new List<CategoryRef>();
            // The bound only guards against a cycle slipped into the tree; real trees are a few levels deep.
            for (int? id = CategoryId; id is { } current && path.Count < 32 && categories.TryGetValue(current, out var category); id = category.ParentId)
            {
                path.Insert(0, new CategoryRef(category.Slug, category.Name));
            }

            return new SearchDocument(Id, Slug, Name, Brand, BrandSlug, path, Description, Price, Currency, InStock, Rating, CreatedAt,
                Attributes.OrderBy(a => a.Name, StringComparer.Ordinal)
                    .Select(a => SearchAttribute.From(a.Name, a.Kind, a.Text, a.Number, a.Boolean)).ToList());
        }
    }
}
