using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using Microsoft.Extensions.Caching.Hybrid;
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
/// client), one per scope, kept in this process's memory until shortly before they expire. Calls that find no token
/// (a burst of checkouts just after a start) wait for one request for it rather than each sending their own: the
/// identity service checks the client secret with a deliberately slow hash, and two hundred such checks at once starved
/// it until the calls timed out.
/// </summary>
public sealed class ServiceTokens(OpenIddictClientService client, HybridCache cache, TimeProvider clock)
{
    /// <summary>
    /// At most this long in the cache; a token the identity service gives a shorter life is renewed after four fifths
    /// of it (see <see cref="GetAsync"/>).
    /// </summary>
    private static readonly TimeSpan LongestKept = TimeSpan.FromMinutes(5);

    private static readonly HybridCacheEntryOptions InThisProcessOnly = new()
    {
        Expiration = LongestKept,
        LocalCacheExpiration = LongestKept,
        // A credential never goes to a shared cache.
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    public async Task<string> GetAsync(string scope, CancellationToken cancellationToken)
    {
        var token = await GetOrRequestAsync(scope, cancellationToken);
        if (token.RenewAt <= clock.GetUtcNow())
        {
            await cache.RemoveAsync(Key(scope), cancellationToken);
            token = await GetOrRequestAsync(scope, cancellationToken);
        }

        return token.AccessToken;
    }

    /// <summary>The service refused the token (the identity service's keys changed, say): the next call gets a new one.</summary>
    public Task ForgetAsync(string scope) => cache.RemoveAsync(Key(scope)).AsTask();

    private ValueTask<ServiceToken> GetOrRequestAsync(string scope, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key(scope), (client, scope, clock), static async (state, ct) =>
        {
            var result = await state.client.AuthenticateWithClientCredentialsAsync(new()
            {
                Scopes = [state.scope],
                CancellationToken = ct,
            });
            // Renewed after four fifths of its life, so no request sets out with a token about to expire.
            var now = state.clock.GetUtcNow();
            var lifetime = (result.AccessTokenExpirationDate ?? now) - now;
            return new ServiceToken(result.AccessToken, now + (lifetime > TimeSpan.Zero ? lifetime * 0.8 : TimeSpan.Zero));
        }, InThisProcessOnly, cancellationToken: cancellationToken);

    private static string Key(string scope) => $"service-token:{scope}";
}

/// <summary>An access token and when to stop using it. Immutable, so the in-memory cache hands out this instance as it is.</summary>
[ImmutableObject(true)]
public sealed record ServiceToken(string AccessToken, DateTimeOffset RenewAt);

/// <summary>Sends this service's own token for <paramref name="scope"/> with every request of the client it is on.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens, string scope) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(scope, cancellationToken));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            await tokens.ForgetAsync(scope);
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

        builder.Services.AddHybridCache();
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
