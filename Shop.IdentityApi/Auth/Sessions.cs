using OpenIddict.Abstractions;

namespace Shop.IdentityApi.Auth;

/// <summary>Ends every session of an account: its refresh tokens stop working (access tokens run out on their own).</summary>
public sealed class Sessions(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations)
{
    public async Task EndAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(userId.ToString(), cancellationToken);
        await tokens.RevokeBySubjectAsync(userId.ToString(), cancellationToken);
    }
}
