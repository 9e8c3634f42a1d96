using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Images;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Data;

/// <summary>
/// Gives the demo catalog's products their pictures (<see cref="DemoPictures"/>), stored like uploads. Runs once per
/// database: on a fresh one right after the catalog is seeded, on an older one (seeded before there were demo
/// pictures) at its next start. Demo products that already have pictures, or were deleted, are left alone.
/// </summary>
public sealed partial class DemoPictureSeeder(TimeProvider clock, ILogger<DemoPictureSeeder> logger) : IDatabaseSeeder<CatalogDbContext>
{
    public const string Step = "demo-pictures";

    public async Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (pictureCount, productCount) = (0, 0);
        var ran = await SeedLock.RunStepOnceAsync(db, Step, clock, async token =>
        {
            var specs = DemoCatalog.Products();
            var slugs = specs.Select(s => s.Slug).ToList();
            var products = await db.Products
                .Where(p => slugs.Contains(p.Slug) && p.DeletedAt == null && !db.ProductImages.Any(i => i.ProductId == p.Id))
                .Select(p => new { p.Slug, p.Id })
                .ToDictionaryAsync(p => p.Slug, p => p.Id, token);
            var shots = specs.Where(s => products.ContainsKey(s.Slug)).SelectMany(DemoPictures.ShotsFor).ToList();

            // Drawing and encoding is the costly part of seeding: spread it over the cores.
            var pictures = new ProcessedImage[shots.Count];
            Parallel.For(0, shots.Count, new ParallelOptions { CancellationToken = token }, i => pictures[i] = DemoPictures.Draw(shots[i]));

            var now = clock.GetUtcNow();
            var positions = new Dictionary<Guid, int>();
            for (var i = 0; i < shots.Count; i++)
            {
                var productId = products[shots[i].Slug];
                var position = positions.GetValueOrDefault(productId);
                positions[productId] = position + 1;
                var picture = pictures[i];
                var image = new ProductImage(productId, picture.ContentHash, picture.Width, picture.Height, shots[i].Alt, position, now);
                db.ProductImages.Add(image);
                db.ProductImageFiles.Add(new ProductImageFile(image.Id, ProductImageFile.Original, picture.ContentType, picture.Original));
                db.ProductImageFiles.Add(new ProductImageFile(image.Id, ProductImageFile.Thumbnail, picture.ThumbnailContentType, picture.Thumbnail));
            }

            // Product pages cached before the pictures came must show them; search documents carry no pictures.
            db.ForgetCachedProducts(positions.Keys);
            (pictureCount, productCount) = (shots.Count, positions.Count);
        }, cancellationToken);

        if (ran)
        {
            LogSeeded(logger, pictureCount, productCount, Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo pictures seeded: {Pictures} pictures of {Products} products in {Duration}")]
    private static partial void LogSeeded(ILogger logger, int pictures, int products, TimeSpan duration);
}
