using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Shop.BasketApi.Baskets;

namespace Shop.BasketApi.Catalog;

/// <summary>
/// The catalog's recent answers about SKUs, in this process's memory, so that showing a basket needs no call to the
/// catalog. An answer is dropped as soon as its product changes (<see cref="Forget"/>, on ProductChanged) and in
/// any case after <see cref="BasketSettings.CatalogSnapshotLifetime"/>, which bounds how stale a missed event can
/// leave it. SKUs the catalog does not answer for (unknown, or their product not on sale) are never kept, and one
/// it stops answering for is dropped, so a new or newly published SKU shows at once.
/// An answer in the last quarter of its lifetime is still given, and the first request to find it there is told to
/// ask the catalog again in the background: a SKU in steady demand is renewed before it expires, so its requests
/// do not all wait for the catalog together at the moment it would have.
/// </summary>
public sealed class SkuSnapshots : IDisposable
{
    /// <summary>How long a product's change is remembered: longer than any catalog call can take, so an answer that
    /// left the catalog before the change and arrives after it is not kept.</summary>
    private static readonly TimeSpan ChangeMemory = TimeSpan.FromMinutes(2);

    private readonly MemoryCache _entries;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private long _changes;

    public SkuSnapshots(IOptions<BasketSettings> settings, TimeProvider clock)
    {
        _lifetime = settings.Value.CatalogSnapshotLifetime;
        _clock = clock;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Value.CatalogSnapshotLimit, Clock = new CacheClock(clock) });
    }

    /// <summary>Taken just before asking the catalog; <see cref="Keep"/> then refuses answers about products changed since.</summary>
    public long Mark() => Interlocked.Read(ref _changes);

    /// <summary>The kept answer, if any; <paramref name="renew"/> is true for the one caller that should ask the catalog again.</summary>
    public bool TryGet(string sku, out SkuInfo info, out bool renew)
    {
        if (_entries.TryGetValue(SkuKey(sku), out Snapshot? snapshot))
        {
            info = snapshot!.Info;
            renew = snapshot.ClaimRenewal(_clock.GetUtcNow());
            return true;
        }

        info = null!;
        renew = false;
        return false;
    }

    /// <summary>Keeps what the catalog answered, unless its product changed after <paramref name="mark"/>.</summary>
    public void Keep(SkuInfo sku, long mark)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return; // a lifetime of zero switches the snapshots off
        }

        CancellationToken productChanged;
        lock (_gate)
        {
            if (_entries.TryGetValue(ChangedKey(sku.ProductId), out long changedAt) && changedAt > mark)
            {
                return;
            }

            productChanged = ProductToken(sku.ProductId);
        }

        // Linked to its product's token: Forget cancels it, which drops every SKU of the product at once.
        using var entry = _entries.CreateEntry(SkuKey(sku.Sku));
        entry.Value = new Snapshot(sku, _clock.GetUtcNow() + _lifetime * 3 / 4);
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = _lifetime;
        entry.AddExpirationToken(new CancellationChangeToken(productChanged));
    }

    /// <summary>The catalog no longer answers for this SKU (unknown, or not on sale): drop what is kept about it.</summary>
    public void Drop(string sku) => _entries.Remove(SkuKey(sku));

    /// <summary>The product changed in the catalog: drop what is kept about its SKUs, and any answer still on its way.</summary>
    public void Forget(Guid productId)
    {
        lock (_gate)
        {
            var change = Interlocked.Increment(ref _changes);
            _entries.Set(ChangedKey(productId), change, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ChangeMemory });
            if (_entries.TryGetValue(TokenKey(productId), out CancellationTokenSource? token))
            {
                _entries.Remove(TokenKey(productId));
                token!.Cancel();
            }
        }
    }

    private CancellationToken ProductToken(Guid productId)
    {
        if (_entries.TryGetValue(TokenKey(productId), out CancellationTokenSource? existing))
        {
            return existing!.Token;
        }

        var token = new CancellationTokenSource();
        using (var entry = _entries.CreateEntry(TokenKey(productId)))
        {
            entry.Value = token;
            entry.Size = 1;
            // Sliding, renewed by every answer kept for the product (each looks its token up here): it outlives
            // every SKU answer linked to it. An absolute expiry took the product's renewed answers with it once a
            // minute, and the next request for each of them waited for the catalog.
            entry.SlidingExpiration = 2 * _lifetime;
            // However the token goes (expiry, eviction when full), the SKUs linked to it go with it.
            entry.RegisterPostEvictionCallback(static (_, value, _, _) => ((CancellationTokenSource)value!).Cancel());
        }

        // A full cache refuses new entries: then keep nothing that Forget could not reach.
        return _entries.TryGetValue(TokenKey(productId), out CancellationTokenSource? kept) && kept == token
            ? token.Token
            : new CancellationToken(canceled: true);
    }

    /// <summary>A kept answer, and whether a request has already been sent to renew it.</summary>
    private sealed class Snapshot(SkuInfo info, DateTimeOffset renewFrom)
    {
        private int _renewing;

        public SkuInfo Info => info;

        public bool ClaimRenewal(DateTimeOffset now) => now >= renewFrom && Interlocked.Exchange(ref _renewing, 1) == 0;
    }

    /// <summary>The cache's expiry on the same clock as the renewals.</summary>
    private sealed class CacheClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }

    // Keys of three types, which never equal one another: a SKU answer's is the code itself, so looking one up
    // (every basket read and change) builds no key.
    private static string SkuKey(string sku) => sku;

    private static ProductTokenKey TokenKey(Guid productId) => new(productId);

    private static ProductChangeKey ChangedKey(Guid productId) => new(productId);

    private readonly record struct ProductTokenKey(Guid ProductId);

    private readonly record struct ProductChangeKey(Guid ProductId);

    public void Dispose() => _entries.Dispose();
}
