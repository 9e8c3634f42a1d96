using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Data;

namespace Shop.CatalogApi.Categories;

/// <summary>
/// The category tree and the brands by slug, held in this replica's memory for listings. Every write to either
/// table, whoever makes it (staff endpoints, seeders, tools, other replicas), raises a version kept by triggers in
/// the writer's transaction (the ListingCounts migration); a listing reads that one row (with its count, or before
/// its other statements) and loads the taxonomy again only when its copy is older, so a renamed or moved category is
/// seen on the very next read.
/// </summary>
public sealed class CatalogTaxonomy
{
    private volatile Snapshot? _current;

    /// <summary>
    /// The copy held, without reading the database (loaded on first use): for a caller that checks
    /// <see cref="Snapshot.Version"/> against the database's in a statement of its own, and reads <see cref="CurrentAsync"/>
    /// when they differ.
    /// </summary>
    public async Task<Snapshot> HeldAsync(CatalogDbContext db, CancellationToken ct) => _current ?? await CurrentAsync(db, ct);

    /// <summary>The taxonomy as of now (at least as new as the version read at the start of the call).</summary>
    public async Task<Snapshot> CurrentAsync(CatalogDbContext db, CancellationToken ct)
    {
        var version = await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "CatalogTaxonomyVersion" """).SingleAsync(ct);
        if (_current is { } current && current.Version == version)
        {
            return current;
        }

        // Loaded after the version was read, so the copy is at least that new; a later write raises the version again.
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var brands = await db.Brands.AsNoTracking().Select(b => new { b.Slug, b.Id }).ToListAsync(ct);
        var loaded = new Snapshot(
            version,
            categories.ToDictionary(c => c.Slug, c => CategoryTree.SelfAndDescendantIds(c.Id, categories), StringComparer.Ordinal),
            brands.ToDictionary(b => b.Slug, b => b.Id, StringComparer.Ordinal));
        if (_current is not { } held || held.Version < version)
        {
            _current = loaded;
        }

        return loaded;
    }

    /// <param name="Version">The taxonomy version the copy was loaded at.</param>
    /// <param name="Categories">Each category's id and the ids of every category below it, by the category's slug.</param>
    /// <param name="Brands">Brand ids by slug.</param>
    public sealed record Snapshot(long Version, IReadOnlyDictionary<string, IReadOnlyCollection<int>> Categories, IReadOnlyDictionary<string, int> Brands)
    {
        public bool Knows(string? categorySlug, string? brandSlug) =>
            (categorySlug is null || Categories.ContainsKey(categorySlug)) && (brandSlug is null || Brands.ContainsKey(brandSlug));

        /// <summary>The ids of the category with this slug and of every category below it; empty when there is none.</summary>
        public IReadOnlyCollection<int> SelfAndDescendantIds(string slug) => Categories.GetValueOrDefault(slug) ?? [];

        public int? BrandId(string slug) => Brands.TryGetValue(slug, out var id) ? id : null;
    }
}
