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

    /// <summary>
    /// <c>Topology:ServiceEnvironment</c>: the hosting environment Shop's services run in, over their launch profile's
    /// (Development). Benchmarks set <c>Production</c>, what a deployment runs: no developer exception page and no
    /// development-time checks of the dependency injection container. The identity service stays in Development:
    /// outside it, it needs token-signing certificates and HTTPS.
    /// </summary>
    public const string ServiceEnvironmentSetting = "Topology:ServiceEnvironment";

    private readonly string? _environment = builder.Configuration[ServiceEnvironmentSetting] is { Length: > 0 } environment ? environment : null;

    /// <summary>
    /// <c>Telemetry:MetricExportIntervalSeconds</c>: how often every service sends its metrics (whole seconds, at least
    /// 1). Unset, Aspire's development default applies: every second, for the dashboard's live charts. Each export
    /// serializes every metric stream of the service and the dashboard takes it in, a cost that does not shrink with the
    /// load, so benchmarks on a small machine send less often, as a deployment does.
    /// </summary>
    public const string MetricExportIntervalSetting = "Telemetry:MetricExportIntervalSeconds";

    private readonly int? _metricExportSeconds = ValidMetricExportInterval(builder.Configuration.GetValue<int?>(MetricExportIntervalSetting));

    private readonly List<IResourceBuilder<ProjectResource>> _services = [];
    private EndpointReference? _tokenIssuer;

    /// <summary>
    /// A service. Replicas behind the orchestrator's proxy in publish mode and with direct endpoints off; otherwise
    /// each replica after the first is a project resource of its own (see <see cref="AddDirectReplica{TProject}"/>).
    /// </summary>
    /// <param name="alwaysDevelopment">Keeps the launch profile's environment whatever <see cref="ServiceEnvironmentSetting"/> says.</param>
    public IResourceBuilder<ProjectResource> AddApi<TProject>(string name, int replicas = 1, bool alwaysDevelopment = false)
        where TProject : IProjectMetadata, new()
    {
        var api = builder.AddProject<TProject>(name, _launchProfile).WithHttpHealthCheck("/health");
        var ownAnnotations = api.Resource.Annotations.Count;
        Track(api);
        if (!alwaysDevelopment)
        {
            InServiceEnvironment(api);
        }

        if (replicas == 1)
        {
            return Direct(api);
        }

        if (!_direct)
        {
            return api.WithReplicas(replicas);
        }

        Direct(api);
        for (var replica = 2; replica <= replicas; replica++)
        {
            AddDirectReplica<TProject>(api, ownAnnotations, replica, alwaysDevelopment);
        }

        return api;
    }

    /// <summary>
    /// One more instance of <paramref name="first"/> listening on a port of its own, so callers spread requests over
    /// the replicas themselves (YARP's and the HTTP clients' service discovery pick among several endpoints of one
    /// name) instead of through the orchestrator's proxy, a hop that cost about a seventh of a catalog read's CPU.
    /// At start it takes on what was configured on the first after the project's own defaults (environment,
    /// references, waits; tests' settings too), and every resource that references the first also gets this one's
    /// endpoints as further addresses of the same service. It reports its telemetry under the service's name, as a
    /// second instance, and the dashboard shows it under the first.
    /// </summary>
    private void AddDirectReplica<TProject>(IResourceBuilder<ProjectResource> first, int firstOwnAnnotations, int replica, bool alwaysDevelopment)
        where TProject : IProjectMetadata, new()
    {
        var name = first.Resource.Name;
        var instance = builder.AddProject<TProject>($"{name}-{replica}", _launchProfile)
            .WithHttpHealthCheck("/health")
            .WithParentRelationship(first);
        ExportMetricsAtTheInterval(instance);
        foreach (var endpoint in instance.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            // The launch profile's port is the first replica's: this one gets a free one from the orchestrator.
            endpoint.IsProxied = false;
            endpoint.Port = null;
            endpoint.TargetPort = null;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            // New annotations around the first's (an annotation object is not shared between resources), ahead of
            // this replica's own, so that what the orchestrator sets per instance (its URLs and ports) stays its own.
            var position = 0;
            foreach (var annotation in first.Resource.Annotations.Skip(firstOwnAnnotations).ToList())
            {
                IResourceAnnotation? copy = annotation switch
                {
                    EnvironmentCallbackAnnotation environment => new EnvironmentCallbackAnnotation(environment.Callback),
                    WaitAnnotation wait => new WaitAnnotation(wait.Resource, wait.WaitType, wait.ExitCode),
                    _ => null,
                };
                if (copy is not null)
                {
                    instance.Resource.Annotations.Insert(position++, copy);
                }
            }

            // Last, over the orchestrator's own setting (the resource's name): one service, a second instance of it.
            instance.WithEnvironment(context => context.EnvironmentVariables["OTEL_SERVICE_NAME"] = name);
            // Over this replica's own launch profile, which the settings copied above come before.
            if (!alwaysDevelopment)
            {
                InServiceEnvironment(instance);
            }

            foreach (var consumer in start.Model.Resources.OfType<IResourceWithEnvironment>().Where(r => r != instance.Resource && References(r, first.Resource)).ToList())
            {
                consumer.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    foreach (var endpoint in instance.Resource.Annotations.OfType<EndpointAnnotation>())
                    {
                        context.EnvironmentVariables[$"services__{name}__{endpoint.Name}__{replica - 1}"] = instance.GetEndpoint(endpoint.Name);
                    }
                }));
                foreach (var wait in consumer.Annotations.OfType<WaitAnnotation>().Where(w => w.Resource == first.Resource).ToList())
                {
                    consumer.Annotations.Add(new WaitAnnotation(instance.Resource, wait.WaitType));
                }
            }

            return Task.CompletedTask;
        });
    }

    private static bool References(IResource consumer, IResource service) =>
        consumer.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Resource == service && r.Type == "Reference");

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

    /// <summary>Runs the service in <see cref="ServiceEnvironmentSetting"/>'s environment, when set.</summary>
    private void InServiceEnvironment(IResourceBuilder<ProjectResource> service)
    {
        if (_environment is null)
        {
            return;
        }

        service.WithEnvironment(context =>
        {
            context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = _environment;
            context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = _environment;
        });
    }

    private IResourceBuilder<ProjectResource> Track(IResourceBuilder<ProjectResource> service)
    {
        _services.Add(service);
        if (_tokenIssuer is not null)
        {
            service.WithEnvironment("Authentication__Authority", _tokenIssuer);
        }

        ExportMetricsAtTheInterval(service);
        return service;
    }

    /// <summary>Set after Aspire's own OTLP settings, which hold the development default.</summary>
    private void ExportMetricsAtTheInterval(IResourceBuilder<ProjectResource> service)
    {
        if (_metricExportSeconds is { } seconds)
        {
            service.WithEnvironment(context => context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] =
                (seconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static int? ValidMetricExportInterval(int? seconds) => seconds is < 1 or > 3600
        ? throw new InvalidOperationException($"{MetricExportIntervalSetting} is a whole number of seconds from 1 to 3600, not {seconds}.")
        : seconds;

    /// <summary>The WebApp is the one public entry point: it serves the storefront and proxies /api/* to the services.</summary>
    public IResourceBuilder<ProjectResource> AddStorefront<TProject>(string name, params IResourceBuilder<ProjectResource>[] apis)
        where TProject : IProjectMetadata, new()
    {
        var webApp = Direct(Track(builder.AddProject<TProject>(name, _launchProfile)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")));
        InServiceEnvironment(webApp);
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Deployed, TLS ends at the ingress and the app sees plain HTTP: its cookies must say Secure regardless.
            webApp.WithEnvironment("Session__SecureCookies", "true");
        }

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
