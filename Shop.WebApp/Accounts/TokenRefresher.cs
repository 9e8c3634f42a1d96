using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Shop.WebApp.Api;

namespace Shop.WebApp.Accounts;

/// <summary>
/// Refresh tokens work exactly once (the identity service rotates them strictly), yet a browser sends several
/// requests with the same session cookie at once (a page, its stylesheet, a second tab). Requests holding the same
/// refresh token share one exchange and its answer, instead of racing and ending the session.
/// </summary>
/// <remarks>The sharing is per WebApp process; with several replicas, sticky sessions keep a browser on one.</remarks>
public sealed class TokenRefresher(IMemoryCache cache)
{
    private static readonly TimeSpan ShareAnswerFor = TimeSpan.FromMinutes(2);
    private readonly Lock _gate = new();

    public Task<ApiResult<TokenResponse>> RefreshAsync(IdentityClient identity, string refreshToken)
    {
        var key = "refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        Lazy<Task<ApiResult<TokenResponse>>> shared;
        // GetOrCreate alone may run its factory twice for simultaneous callers; a second exchange of the same
        // refresh token would be refused, and OpenIddict then revokes the whole session's tokens.
        lock (_gate)
        {
            shared = cache.GetOrCreate(key, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = ShareAnswerFor;
                // Not tied to one request's cancellation: other requests wait on the same answer.
                return new Lazy<Task<ApiResult<TokenResponse>>>(() => identity.RefreshAsync(refreshToken, CancellationToken.None));
            })!;
        }

        return shared.Value;
    }
}
