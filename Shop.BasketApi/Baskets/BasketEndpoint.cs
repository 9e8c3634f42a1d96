using FastEndpoints;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Catalog;

namespace Shop.BasketApi.Baskets;

/// <summary>A request about one basket: its id, or "mine".</summary>
public interface IBasketRequest
{
    string Id { get; }
}

/// <summary>What every basket endpoint does: find the caller's basket, and answer with it priced by the catalog.</summary>
public abstract class BasketEndpoint<TRequest>(BasketStore store, ICatalogSkus catalog, IOptions<BasketSettings> settings)
    : Endpoint<TRequest, BasketView> where TRequest : IBasketRequest, new()
{
    protected BasketStore Store => store;
    protected ICatalogSkus Catalog => catalog;
    protected BasketSettings Settings => settings.Value;

    /// <summary>The basket's address, or null after answering 401 (mine, signed out) or 404 (no such guest basket).</summary>
    protected async ValueTask<BasketAddress?> LocateAsync(TRequest request, CancellationToken ct)
    {
        var (outcome, address) = BasketAccess.Locate(store, request.Id, User);
        switch (outcome)
        {
            case BasketAccess.Outcome.SignInRequired:
                await Send.UnauthorizedAsync(ct);
                return null;
            case BasketAccess.Outcome.NotFound:
                await Send.NotFoundAsync(ct);
                return null;
            default:
                return address;
        }
    }

    /// <summary>
    /// For the calls that may start a customer's basket: an erased account's still-valid token gets 401, as a
    /// token of an account that no longer exists should.
    /// </summary>
    protected async ValueTask<bool> RefuseErasedAsync(string? customerId, CancellationToken ct)
    {
        if (customerId is null || !await store.IsErasedAsync(customerId))
        {
            return false;
        }

        await Send.UnauthorizedAsync(ct);
        return true;
    }

    /// <summary>
    /// The basket priced by the catalog: from its recent answers, or, when the caller asks with
    /// <c>Cache-Control: no-cache</c> (as checkout does), from the catalog this moment.
    /// </summary>
    protected async ValueTask<BasketView> ViewAsync(Basket basket, CancellationToken ct)
    {
        var skus = new string[basket.Lines.Count];
        for (var i = 0; i < skus.Length; i++)
        {
            skus[i] = basket.Lines[i].Sku;
        }

        // The typed headers only when there is a Cache-Control to parse: most calls have none.
        var exact = HttpContext.Request.Headers.CacheControl.Count > 0 && HttpContext.Request.GetTypedHeaders().CacheControl?.NoCache == true;
        var priced = exact
            ? await catalog.GetAsync(skus, ct)
            : await catalog.GetRecentAsync(skus, ct);
        return BasketView.From(basket, priced, Settings.Currency);
    }

    protected async Task SendBasketAsync(Basket basket, CancellationToken ct) => await SendViewAsync(await ViewAsync(basket, ct));

    /// <summary>
    /// Writes the answer with its build-time JSON metadata, as one buffered write: FastEndpoints' own sending goes
    /// through the serializer's reflection-based options and writes an object of unknown type, which cost a write
    /// stack per answer. The JSON is the same.
    /// </summary>
    protected Task SendViewAsync(BasketView view) => Send.ResultAsync(TypedResults.Json(view, BasketAnswerJson.Default.BasketView));
}
