using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Shop.ServiceDefaults;

/// <summary>
/// Scopes that Shop's services grant one another. A service gets them as a confidential client of the identity
/// service (client-credentials grant); a shopper's or staff member's token never carries them.
/// </summary>
public static class ServiceScopes
{
    /// <summary>Reserve and release stock in the catalog (the ordering service, at checkout).</summary>
    public const string CatalogStock = "catalog.stock";

    public static readonly IReadOnlyList<string> All = [CatalogStock];

    /// <summary>RFC 9068: the "scope" claim is one space-separated list.</summary>
    public static bool HasScope(this ClaimsPrincipal caller, string scope) =>
        caller.FindAll("scope").Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    /// <summary>One policy per scope, named after it: no token is 401, a token without the scope 403.</summary>
    public static void AddScopePolicies(this AuthorizationOptions options)
    {
        foreach (var scope in All)
        {
            options.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(scope)));
        }
    }
}
