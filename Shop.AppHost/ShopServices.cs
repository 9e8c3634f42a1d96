namespace Shop.AppHost;

/// <summary>Adds Shop's own services the same way: one launch profile, health probe, and only the storefront public.</summary>
public sealed class ShopServices(IDistributedApplicationBuilder builder)
{
    /// <summary>
    /// Services use the launch profile the AppHost runs with: <c>http</c> (the default, no certificate needed) or
    /// <c>https</c> (needs a trusted development certificate).
    /// </summary>
    private readonly string _launchProfile =
        builder.Configuration["DOTNET_LAUNCH_PROFILE"] is "https" ? "https" : "http";

    private readonly List<IResourceBuilder<ProjectResource>> _services = [];
    private EndpointReference? _tokenIssuer;

    public IResourceBuilder<ProjectResource> AddApi<TProject>(string name) where TProject : IProjectMetadata, new() =>
        Track(builder.AddProject<TProject>(name, _launchProfile).WithHttpHealthCheck("/health"));

    /// <summary>Every service, those added before and after, validates tokens issued at this address.</summary>
    public void TrustTokensFrom(EndpointReference issuer)
    {
        _tokenIssuer = issuer;
        foreach (var service in _services)
        {
            service.WithEnvironment("Authentication__Authority", issuer);
        }
    }

    private IResourceBuilder<ProjectResource> Track(IResourceBuilder<ProjectResource> service)
    {
        _services.Add(service);
        if (_tokenIssuer is not null)
        {
            service.WithEnvironment("Authentication__Authority", _tokenIssuer);
        }

        return service;
    }

    /// <summary>The WebApp is the one public entry point: it serves the storefront and proxies /api/* to the services.</summary>
    public IResourceBuilder<ProjectResource> AddStorefront<TProject>(string name, params IResourceBuilder<ProjectResource>[] apis)
        where TProject : IProjectMetadata, new()
    {
        var webApp = Track(builder.AddProject<TProject>(name, _launchProfile)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health"));
        foreach (var api in apis)
        {
            webApp.WithReference(api).WaitFor(api);
        }

        builder.Eventing.Subscribe<ResourceReadyEvent>(webApp.Resource, (_, _) =>
        {
            var endpoint = webApp.Resource.GetEndpoints().OrderBy(e => e.Scheme == "https" ? 0 : 1).First();
            Console.WriteLine($"Storefront: {endpoint.Url}");
            return Task.CompletedTask;
        });
        return webApp;
    }
}
