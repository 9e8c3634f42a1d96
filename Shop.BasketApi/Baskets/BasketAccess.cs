using System.Security.Claims;
using Shop.ServiceDefaults;

namespace Shop.BasketApi.Baskets;

/// <summary>
/// Which basket a route's id names: "mine" is the signed-in customer's; anything else is a guest basket id, and
/// only a well-formed one names anything. Guest ids are the secret: they are never listed or derived.
/// </summary>
public static class BasketAccess
{
    public const string Mine = "mine";

    public enum Outcome
    {
        Found,
        NotFound,
        SignInRequired,
    }

    public static (Outcome Outcome, BasketAddress? Address) Locate(BasketStore store, string id, ClaimsPrincipal caller)
    {
        if (id == Mine)
        {
            return caller.SubjectId() is { } customerId
                ? (Outcome.Found, store.Customer(customerId, caller.FindFirstValue("email")))
                : (Outcome.SignInRequired, null);
        }

        return Basket.IsWellFormedId(id) ? (Outcome.Found, store.Guest(id)) : (Outcome.NotFound, null);
    }
}
