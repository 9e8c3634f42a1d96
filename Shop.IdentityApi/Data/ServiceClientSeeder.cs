using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Permissions = OpenIddict.Abstractions.OpenIddictConstants.Permissions;

namespace Shop.IdentityApi.Data;

/// <summary>
/// Registers each of <see cref="IdentitySettings.ServiceClients"/> as a confidential OpenIddict client allowed the
/// client-credentials grant and its scopes; at every start, so a changed secret or scope list takes effect.
/// OpenIddict stores the secret hashed.
/// </summary>
public sealed class ServiceClientSeeder(IOpenIddictApplicationManager applications, IOptions<IdentitySettings> settings)
    : Shop.ServiceDefaults.IDatabaseSeeder<IdentityDbContext>
{
    public async Task SeedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (clientId, client) in settings.Value.ServiceClients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = client.Secret,
                ClientType = OpenIddictConstants.ClientTypes.Confidential,
                DisplayName = clientId,
            };
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]);
            descriptor.Permissions.UnionWith(client.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));

            if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }
    }
}
