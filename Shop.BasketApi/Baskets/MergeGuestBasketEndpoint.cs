using FastEndpoints;
using FluentValidation;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;
using Shop.ServiceDefaults;

namespace Shop.BasketApi.Baskets;

public sealed record MergeGuestBasketRequest : IBasketRequest
{
    /// <summary>Always the caller's own basket.</summary>
    public string Id => BasketAccess.Mine;

    public string GuestBasketId { get; init; } = "";
}

public sealed class MergeGuestBasketValidator : Validator<MergeGuestBasketRequest>
{
    public MergeGuestBasketValidator() =>
        RuleFor(r => r.GuestBasketId).Must(Basket.IsWellFormedId).WithMessage("This is not a basket id.");
}

/// <summary>
/// On sign-in, the guest basket joins the customer's: quantities add up, capped by the per-line limit and stock,
/// and the guest basket is gone. Merging a basket that is already gone changes nothing, and a merge that fails
/// (the catalog unavailable) leaves the guest basket for a retry.
/// </summary>
public sealed class MergeGuestBasketEndpoint(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<MergeGuestBasketRequest>(store, catalog, settings)
{
    public override void Configure() => Post("/api/baskets/mine/merge");

    public override async Task HandleAsync(MergeGuestBasketRequest request, CancellationToken ct)
    {
        var mine = Store.Customer(User.SubjectId()!, User.FindFirst("email")?.Value);
        if (await RefuseErasedAsync(mine.CustomerId, ct))
        {
            return;
        }

        var merged = await Store.MergeAsync(Store.Guest(request.GuestBasketId), mine, async (guest, basket) =>
        {
            var now = clock.GetUtcNow();
            basket ??= Basket.NewCustomerBasket(mine.CustomerId!, mine.Email, now);
            if (guest is null)
            {
                return basket;
            }

            var skus = (await Catalog.GetAsync(guest.Lines.Select(l => l.Sku).ToList(), ct))
                .OfType<SkuInfo>()
                .ToDictionary(sku => sku.Sku, StringComparer.Ordinal);
            return basket.MergeFrom(guest, sku => Math.Min(Settings.MaxQuantityPerLine, skus.TryGetValue(sku, out var info) && info.IsPublished ? info.Available : 0), now);
        }, ct);

        await SendBasketAsync(merged, ct);
    }
}
