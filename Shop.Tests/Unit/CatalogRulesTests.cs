using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;

namespace Shop.Tests.Unit;

public sealed class CatalogRulesTests
{
    // clothing(1) > tops(2) > tees(3); home(4)
    private static readonly Dictionary<int, int?> ParentOf = new() { [1] = null, [2] = 1, [3] = 2, [4] = null };

    [Theory]
    [InlineData("jo@example.com", null)]
    [InlineData("o'brien+shop@mail.example.org", null)]
    [InlineData("Jo Bloggs", "Jo Bloggs")]
    [InlineData("Jo @ home", "Jo @ home")]
    [InlineData(null, null)]
    public void AReviewNeverShowsAnEmailAsItsAuthor(string? name, string? shown)
    {
        Assert.Equal(shown, Review.ShownAuthorName(name));
        Assert.Equal(shown, new Review(Guid.NewGuid(), "author-1", name, 5, "Title", "Body", DateTimeOffset.UtcNow).AuthorName);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    public void ACategoryCannotMoveUnderItselfOrItsDescendants(int category, int newParent) =>
        Assert.True(Category.WouldMakeCycle(category, newParent, ParentOf));

    [Theory]
    [InlineData(3, 4)]
    [InlineData(3, 1)]
    [InlineData(2, null)]
    [InlineData(4, 3)]
    public void ACategoryMayMoveAnywhereElse(int category, int? newParent) =>
        Assert.False(Category.WouldMakeCycle(category, newParent, ParentOf));

    [Fact]
    public void MovingACategoryIntoACycleIsRefusedByTheDomain()
    {
        var tops = new Category("Tops", "tops", parentId: 1);
        typeof(Category).GetProperty(nameof(Category.Id))!.SetValue(tops, 2);

        Assert.Throws<ArgumentException>(() => tops.Update("Tops", "tops", 3, 0, ParentOf));
        Assert.Equal(1, tops.ParentId);
    }

    [Theory]
    [InlineData(5, 3, false)]
    [InlineData(1, 0, true)]
    [InlineData(0, 4, true)]
    [InlineData(0, 0, false)]
    [InlineData(2, 2, false)]
    public void OnlySellingOutOrComingBackIsAnAvailabilityFlip(int before, int after, bool flips) =>
        Assert.Equal(flips, Sku.SellsOutOrComesBack(before, after));

    [Fact]
    public void EveryDemoProductGetsOneToThreeDistinctPicturesAndSomeHaveAGallery()
    {
        var products = DemoCatalog.Products();
        var shots = products.ToDictionary(p => p.Slug, DemoPictures.ShotsFor);

        Assert.All(shots.Values, s => Assert.InRange(s.Count, 1, 3));
        Assert.InRange(shots.Values.Count(s => s.Count > 1), products.Count / 5, products.Count / 2);
        Assert.Contains(shots.Values, s => s.Count == 3);

        // Drawing a whole shelf is quick enough for a unit test, and shows the pictures are each product's own.
        var shelf = products.Where(p => p.CategorySlug == "tops").SelectMany(p => shots[p.Slug]).ToList();
        var pictures = shelf.Select(DemoPictures.Draw).ToList();
        Assert.Equal(pictures.Count, pictures.Select(p => p.ContentHash).Distinct().Count());
        Assert.Equal(pictures[0].ContentHash, DemoPictures.Draw(shelf[0]).ContentHash);
        using var decoded = SkiaSharp.SKBitmap.Decode(pictures[0].Thumbnail);
        Assert.Equal(Shop.CatalogApi.Images.ImageProcessor.ThumbnailSize, decoded.Width);
    }
}
