using Microsoft.Extensions.Options;
using Shop.BasketApi.Baskets;
using Shop.BasketApi.Catalog;

namespace Shop.Tests.Unit;

public sealed class SkuSnapshotTests
{
    private static readonly Guid Tee = Guid.NewGuid();

    private static SkuInfo Sku(string code, Guid productId, long price = 2500) =>
        new(code, productId, "Tee", null, price, "EUR", Available: 5, IsPublished: true, WeightGrams: 300);

    private static SkuSnapshots NewSnapshots(TimeProvider? clock = null) => new(Options.Create(new BasketSettings()), clock ?? TimeProvider.System);

    [Fact]
    public void AKeptAnswerIsFoundUntilItsProductChangesAndThenEverySkuOfItGoes()
    {
        using var snapshots = NewSnapshots();
        var other = Guid.NewGuid();
        snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());
        snapshots.Keep(Sku("TEE-M", Tee), snapshots.Mark());
        snapshots.Keep(Sku("CAP", other), snapshots.Mark());
        Assert.True(snapshots.TryGet("TEE-S", out var kept, out _));
        Assert.Equal(2500, kept.Price);

        snapshots.Forget(Tee);

        Assert.False(snapshots.TryGet("TEE-S", out _, out _));
        Assert.False(snapshots.TryGet("TEE-M", out _, out _));
        Assert.True(snapshots.TryGet("CAP", out _, out _));
    }

    [Fact]
    public void AnAnswerAskedForBeforeItsProductChangedIsNotKept()
    {
        using var snapshots = NewSnapshots();
        var askedAt = snapshots.Mark();

        snapshots.Forget(Tee); // the change is announced while the catalog's older answer is on its way
        snapshots.Keep(Sku("TEE-S", Tee, price: 2000), askedAt);
        Assert.False(snapshots.TryGet("TEE-S", out _, out _));

        snapshots.Keep(Sku("TEE-S", Tee, price: 2200), snapshots.Mark());
        Assert.True(snapshots.TryGet("TEE-S", out var fresh, out _));
        Assert.Equal(2200, fresh.Price);
    }

    [Fact]
    public void WithNoLifetimeNothingIsKept()
    {
        using var snapshots = new SkuSnapshots(Options.Create(new BasketSettings { CatalogSnapshotLifetime = TimeSpan.Zero }), TimeProvider.System);

        snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());

        Assert.False(snapshots.TryGet("TEE-S", out _, out _));
    }

    [Fact]
    public void InTheLastQuarterOfItsLifetimeAnAnswerIsStillGivenAndOneCallerIsToldToRenewIt()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        using var snapshots = NewSnapshots(clock);
        snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());

        clock.Now += new BasketSettings().CatalogSnapshotLifetime / 2;
        Assert.True(snapshots.TryGet("TEE-S", out _, out var renewEarly));
        Assert.False(renewEarly);

        clock.Now += new BasketSettings().CatalogSnapshotLifetime / 4;
        Assert.True(snapshots.TryGet("TEE-S", out var late, out var renew));
        Assert.True(snapshots.TryGet("TEE-S", out _, out var renewAgain));
        Assert.Equal(2500, late.Price);
        Assert.True(renew);
        Assert.False(renewAgain);

        // The catalog's renewed answer replaces it, with a lifetime of its own.
        snapshots.Keep(Sku("TEE-S", Tee, price: 2600), snapshots.Mark());
        Assert.True(snapshots.TryGet("TEE-S", out var renewed, out var renewNow));
        Assert.Equal(2600, renewed.Price);
        Assert.False(renewNow);
    }

    [Fact]
    public void AnswersRenewedInTimeOutliveTheirProductsFirstMinuteAndStillGoWhenItChanges()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        using var snapshots = NewSnapshots(clock);
        var lifetime = new BasketSettings().CatalogSnapshotLifetime;

        // Renewed before each answer expires, as steady demand does, until past twice the lifetime (the product's
        // bookkeeping lived that long from its first answer).
        for (var renewal = 0; renewal < 3; renewal++)
        {
            snapshots.Keep(Sku("TEE-S", Tee), snapshots.Mark());
            clock.Now += lifetime * 4 / 5;
        }

        // Another SKU of the product kept now looks the product's bookkeeping up, as an expiry scan does. Had it
        // expired, it would take the product's kept answers with it (on the thread pool: give them time to go).
        snapshots.Keep(Sku("TEE-M", Tee), snapshots.Mark());
        for (var look = 0; look < 10; look++)
        {
            Thread.Sleep(20);
            Assert.True(snapshots.TryGet("TEE-S", out _, out _));
        }

        snapshots.Forget(Tee);
        Assert.False(snapshots.TryGet("TEE-S", out _, out _));
        Assert.False(snapshots.TryGet("TEE-M", out _, out _));
    }

    /// <summary>A clock the test moves, for the renewal marks and the kept answers' expiry alike.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
