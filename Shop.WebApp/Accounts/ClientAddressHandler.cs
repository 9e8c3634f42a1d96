namespace Shop.WebApp.Accounts;

/// <summary>
/// Names the shopper's address (X-Forwarded-For) on the pages' calls to the identity service, as the proxy does for
/// /api/*: its sign-in, registration and reset limits are per client, and without it every shopper who uses the
/// pages would share the storefront's own address and one limit.
/// </summary>
public sealed class ClientAddressHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
