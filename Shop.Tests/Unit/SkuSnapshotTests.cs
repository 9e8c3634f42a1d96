using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.BasketApi.Catalog;

namespace Shop.Tests.Unit;

public sealed class SkuSnapshotTests
{
    private static readonly Guid Tee = Guid.NewGuid();

    private static SkuInfo Sku(string code, Guid productId, long price = 2500) =>
        new(code, productId, "Tee", null, price, "EUR", Available: 5, IsPublished: true, WeightGrams: 300);

    private static SkuSnapshots NewSnapshots() => new(Options.Create(new BasketSettings()));

    [Fact]
    public void AKeptAnswerIsFoundUntilItsProductChangesAndThenEverySkuOfItGoes()
    {
        using var snapshots = NewSnapshots();
        var other = Guid.NewGuid();
        snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());
        snapshots.Keep(Sku("TEE-M", Tee), snapshots.Mark());
        snapshots.Keep(Sku("CAP", other), snapshots.Mark());
        Assert.True(snapshots.TryGet("TEE-S", out var kept));
        Assert.Equal(2500, kept.Price);

        snapshots.Forget(Tee);

        Assert.False(snapshots.TryGet("TEE-S", out _));
        Assert.False(snapshots.TryGet("TEE-M", out _));
        Assert.True(snapshots.TryGet("CAP", out _));
    }

    [Fact]
    public void AnAnswerAskedForBeforeItsProductChangedIsNotKept()
    {
        using var snapshots = NewSnapshots();
        var askedAt = snapshots.Mark();

        snapshots.Forget(Tee); // the change is announced while the catalog's older answer is on its way
        snapshots.Keep(Sku("TEE-S", Tee, price: 2000), askedAt);
        Assert.False(snapshots.TryGet("TEE-S", out _));

        snapshots.Keep(Sku("TEE-S", Tee, price: 2200), snapshots.Mark());
        Assert.True(snapshots.TryGet("TEE-S", out var fresh));
        Assert.Equal(2200, fresh.Price);
    }

    [Fact]
    public void WithNoLifetimeNothingIsKept()
    {
        using var snapshots = new SkuSnapshots(Options.Create(new BasketSettings { CatalogSnapshotLifetime = TimeSpan.Zero }));

        snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());

        Assert.False(snapshots.TryGet("TEE-S", out _));
    }
}
