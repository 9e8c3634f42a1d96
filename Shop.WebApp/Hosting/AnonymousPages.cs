using Microsoft.AspNetCore.OutputCaching;
using Shop.WebApp.Baskets;
using Shop.WebApp.Components.Shared;

namespace Shop.WebApp.Hosting;

/// <summary>
/// Output caching for the pages everybody sees alike (home, category listings): rendered once every few seconds
/// per URL rather than for every visitor. Only for visitors without a session or basket (the header shows the
/// basket) and without a pending notice; signed-in requests are never cached (the default policy's rule), and
/// a response that sets a cookie is not stored.
/// </summary>
public static class AnonymousPages
{
    public const string Policy = "anonymous-pages";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddAnonymousPageCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy
            .Expire(Lifetime)
            .With(context => !context.HttpContext.Request.Cookies.ContainsKey(BasketClient.GuestCookie)
                             && !context.HttpContext.Request.Cookies.ContainsKey(Notice.CookieName))));
}
