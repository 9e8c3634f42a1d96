using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace Shop.WebApp.Accounts;

/// <summary>Calls the APIs as the signed-in shopper: the session's access token (refreshed if due) as the bearer.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && accessor.HttpContext is { } context
            && await context.GetTokenAsync(ShopSession.Scheme, ShopSession.AccessToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
