using System.Net.Http.Headers;
using FastEndpoints;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;
using Shop.BasketApi.Promotions;

namespace Shop.BasketApi.Baskets;

public sealed record GetBasketRequest : IBasketRequest
{
    public string Id { get; init; } = "";

    /// <summary>A code whose discount the totals should preview.</summary>
    [QueryParam]
    public string? DiscountCode { get; init; }
}

/// <summary>
/// A guest basket by its id, or the signed-in customer's with "mine" (empty until they add something). With
/// <c>?discountCode=</c> the totals preview what the code takes off, by the ordering service's promotion rules.
/// </summary>
public sealed class GetBasketEndpoint(BasketStore store, ICatalogSkus catalog, IDiscountPreviews discounts, IOptions<BasketSettings> settings, TimeProvider clock)
    : BasketEndpoint<GetBasketRequest>(store, catalog, settings)
{
    private const int MaxDiscountCodeLength = 64;

    public override void Configure()
    {
        Get("/api/baskets/{Id}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(GetBasketRequest request, CancellationToken ct)
    {
        // Checked here rather than by a validator, whose contexts cost every basket read; the answer is the one the
        // validator gave.
        if (request.DiscountCode?.Length > MaxDiscountCodeLength)
        {
            AddError(r => r.DiscountCode, $"The length of 'discount Code' must be {MaxDiscountCodeLength} characters or fewer. You entered {request.DiscountCode.Length} characters.");
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }

        if (await LocateAsync(request, ct) is not { } address)
        {
            return;
        }

        var basket = await Store.FindAsync(address);
        if (basket is null && address.CustomerId is { } customerId)
        {
            basket = Basket.NewCustomerBasket(customerId, address.Email, clock.GetUtcNow());
        }

        if (basket is null)
        {
            // Expired, emptied by an order, or never existed: a guess learns nothing either way.
            await Send.NotFoundAsync(ct);
            return;
        }

        var view = await ViewAsync(basket, ct);
        if (!string.IsNullOrWhiteSpace(request.DiscountCode))
        {
            var caller = AuthenticationHeaderValue.TryParse(HttpContext.Request.Headers.Authorization, out var header) ? header : null;
            var verdict = await discounts.PreviewAsync(request.DiscountCode.Trim(), view.Subtotal, caller, ct);
            if (verdict.Discount is null)
            {
                AddError(r => r.DiscountCode, verdict.Refusal!);
                await Send.ErrorsAsync(cancellation: ct);
                return;
            }

            view = view with { Discount = verdict.Discount };
        }

        await SendViewAsync(view);
    }
}
