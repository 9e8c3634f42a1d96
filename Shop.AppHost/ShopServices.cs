using Microsoft.Extensions.Configuration;

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

    /// <summary>
    /// <c>Topology:DirectEndpoints</c> (true unless set false): services that run as one instance are reached
    /// directly, not through the orchestrator's proxy, which would sit in front of every endpoint and cost each request
    /// two more hops (client to storefront, storefront to service) and about a quarter of its CPU. A deployment has no
    /// such proxy. Replicated services keep it: it is what spreads requests over their replicas.
    /// </summary>
    public const string DirectEndpointsSetting = "Topology:DirectEndpoints";

    private readonly bool _direct = builder.Configuration.GetValue(DirectEndpointsSetting, true) && !builder.ExecutionContext.IsPublishMode;

    /// <summary>With random ports (tests, parallel runs) a direct endpoint gets its port from the orchestrator too.</summary>
    private readonly bool _randomPorts = builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");

    private readonly List<IResourceBuilder<ProjectResource>> _services = [];
    private EndpointReference? _tokenIssuer;

    public IResourceBuilder<ProjectResource> AddApi<TProject>(string name, int replicas = 1) where TProject : IProjectMetadata, new()
    {
        var api = Track(builder.AddProject<TProject>(name, _launchProfile).WithHttpHealthCheck("/health"));
        return replicas > 1 ? api.WithReplicas(replicas) : Direct(api);
    }

    /// <summary>Every service, those added before and after, validates tokens issued at this address.</summary>
    public void TrustTokensFrom(EndpointReference issuer)
    {
        _tokenIssuer = issuer;
        foreach (var service in _services)
        {
            service.WithEnvironment("Authentication__Authority", issuer);
        }
    }

    /// <summary>
    /// Without the proxy the service listens on its endpoint's port itself: the launch profile's, or, with random
    /// ports, one the orchestrator picks from its own range (as it does for the ports behind its proxies).
    /// </summary>
    private IResourceBuilder<ProjectResource> Direct(IResourceBuilder<ProjectResource> service)
    {
        if (!_direct)
        {
            return service;
        }

        foreach (var endpoint in service.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.IsProxied = false;
            if (_randomPorts)
            {
                endpoint.Port = null;
                endpoint.TargetPort = null;
            }
        }

        return service;
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
        var webApp = Direct(Track(builder.AddProject<TProject>(name, _launchProfile)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")));
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
