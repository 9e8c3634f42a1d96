using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Client;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.ServiceIdentity;

/// <summary>
/// Bound from <c>ServiceIdentity</c>: this service's client registration at the identity service, for calls it makes
/// on its own behalf (not a shopper's). The AppHost generates the secret and gives it to both sides.
/// </summary>
public sealed class ServiceIdentitySettings
{
    public const string Section = "ServiceIdentity";

    [Required]
    public string ClientId { get; set; } = "";

    [Required, MinLength(32)]
    public string ClientSecret { get; set; } = "";

    /// <summary>The identity service; by default the one whose tokens this service trusts (<c>Authentication:Authority</c>).</summary>
    [Required, Url]
    public string? Issuer { get; set; }
}

/// <summary>
/// Access tokens for this service from the identity service (OAuth 2 client-credentials grant through the OpenIddict
/// client), one per scope, kept in memory until shortly before they expire.
/// </summary>
public sealed class ServiceTokens(OpenIddictClientService client, IMemoryCache cache, TimeProvider clock)
{
    public async Task<string> GetAsync(string scope, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync((typeof(ServiceTokens), scope), async entry =>
        {
            var result = await client.AuthenticateWithClientCredentialsAsync(new()
            {
                Scopes = [scope],
                CancellationToken = cancellationToken,
            });
            // Renewed after four fifths of its life, so no request sets out with a token about to expire.
            var lifetime = (result.AccessTokenExpirationDate ?? clock.GetUtcNow()) - clock.GetUtcNow();
            entry.AbsoluteExpirationRelativeToNow = lifetime > TimeSpan.Zero ? lifetime * 0.8 : TimeSpan.FromSeconds(1);
            return result.AccessToken;
        }))!;

    /// <summary>The service refused the token (the identity service's keys changed, say): the next call gets a new one.</summary>
    public void Forget(string scope) => cache.Remove((typeof(ServiceTokens), scope));
}

/// <summary>Sends this service's own token for <paramref name="scope"/> with every request of the client it is on.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens, string scope) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(scope, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            tokens.Forget(scope);
        }

        return response;
    }
}

public static class ServiceIdentityRegistration
{
    /// <summary>
    /// The OpenIddict client, registered with the identity service that issues every token the services trust
    /// (<c>Authentication:Authority</c>) and this service's client id and secret.
    /// </summary>
    public static IHostApplicationBuilder AddServiceIdentity(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration[$"{TokenValidationSettings.Section}:Authority"];
        builder.AddValidatedOptions<ServiceIdentitySettings>(ServiceIdentitySettings.Section).PostConfigure(s => s.Issuer ??= authority);
        var settings = builder.Configuration.GetSection(ServiceIdentitySettings.Section).Get<ServiceIdentitySettings>() ?? new();
        settings.Issuer ??= authority;

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ServiceTokens>();
        builder.Services.AddOpenIddict().AddClient(client =>
        {
            client.AllowClientCredentialsFlow();
            // Nothing to remember between requests for the client-credentials grant.
            client.DisableTokenStorage();
            client.UseSystemNetHttp();
            // Without an issuer the options validation stops the start with the reason.
            if (Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer))
            {
                client.AddRegistration(new OpenIddictClientRegistration
                {
                    Issuer = issuer,
                    ClientId = settings.ClientId,
                    ClientSecret = settings.ClientSecret,
                });
            }
        });
        return builder;
    }

    /// <summary>Calls through this client carry this service's token for <paramref name="scope"/>.</summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder http, string scope) =>
        http.AddHttpMessageHandler(services => new ServiceTokenHandler(services.GetRequiredService<ServiceTokens>(), scope));
}
