using Shop.AppHost;

namespace Shop.Tests.Deployment;

/// <summary>Which services the AppHost starts, and the hosting environment and telemetry settings it gives them; nothing is started.</summary>
public sealed class ServiceEnvironmentTests
{
    [Fact]
    public async Task ServicesRunInTheirLaunchProfilesEnvironmentUnlessTheTopologySetsOne()
    {
        var environments = await EnvironmentsAsync();

        Assert.All(environments.Values, environment => Assert.Equal("Development", environment));
    }

    [Fact]
    public async Task TheTopologysEnvironmentReachesEveryServiceButIdentity()
    {
        var environments = await EnvironmentsAsync($"--{ShopServices.ServiceEnvironmentSetting}=Production");

        Assert.Equal("Production", environments["webapp"]);
        Assert.Equal("Production", environments["catalog-api"]);
        Assert.Equal("Production", environments["basket-api"]);
        Assert.Equal("Production", environments["ordering-api"]);
        // Its token-signing keys are development certificates there; elsewhere it needs certificates and HTTPS.
        Assert.Equal("Development", environments["identity-api"]);
    }

    [Fact]
    public async Task TheMetricExportIntervalReachesEveryServiceWhenSet()
    {
        var unset = await VariablesAsync("OTEL_METRIC_EXPORT_INTERVAL");
        var set = await VariablesAsync("OTEL_METRIC_EXPORT_INTERVAL", $"--{ShopServices.MetricExportIntervalSetting}=10");

        Assert.DoesNotContain("10000", unset.Values);
        Assert.Equal(["basket-api", "catalog-api", "catalog-api-2", "identity-api", "ordering-api", "webapp"], set.Keys.Order());
        Assert.All(set.Values, interval => Assert.Equal("10000", interval));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("often")]
    public async Task AnIntervalOutOfRangeStopsTheAppHost(string seconds)
    {
        var failure = await Record.ExceptionAsync(() => VariablesAsync("OTEL_METRIC_EXPORT_INTERVAL", $"--{ShopServices.MetricExportIntervalSetting}={seconds}"));

        Assert.Contains(ShopServices.MetricExportIntervalSetting, failure?.ToString());
    }

    [Fact]
    public async Task TheCatalogRunsTwoReplicasUnlessTheTopologySetsAnotherCount()
    {
        var byDefault = await EnvironmentsAsync();
        var one = await EnvironmentsAsync($"--{ShopTopology.CatalogReplicasSetting}=1");
        var three = await EnvironmentsAsync($"--{ShopTopology.CatalogReplicasSetting}=3");

        Assert.Equal(["catalog-api", "catalog-api-2"], CatalogReplicas(byDefault));
        Assert.Equal(["catalog-api"], CatalogReplicas(one));
        Assert.Equal(["catalog-api", "catalog-api-2", "catalog-api-3"], CatalogReplicas(three));
        Assert.Equal(["basket-api", "identity-api", "ordering-api", "webapp"], one.Keys.Except(CatalogReplicas(one)).Order());

        static IEnumerable<string> CatalogReplicas(Dictionary<string, string?> services) =>
            services.Keys.Where(name => name.StartsWith("catalog-api", StringComparison.Ordinal)).Order();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("many")]
    public async Task AReplicaCountOutOfRangeStopsTheAppHost(string replicas)
    {
        var failure = await Record.ExceptionAsync(() => EnvironmentsAsync($"--{ShopTopology.CatalogReplicasSetting}={replicas}"));

        Assert.Contains(ShopTopology.CatalogReplicasSetting, failure?.ToString());
    }

    private static Task<Dictionary<string, string?>> EnvironmentsAsync(params string[] args) => VariablesAsync("ASPNETCORE_ENVIRONMENT", args);

    /// <summary>One environment variable of every project, as the AppHost would start it.</summary>
    private static async Task<Dictionary<string, string?>> VariablesAsync(string variable, params string[] args)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shop-model-" + Guid.NewGuid().ToString("N"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            ["--BackingServices:Mode=local", $"--BackingServices:DataPath={dataPath}", .. args],
            (options, _) => options.DisableDashboard = true, TestContext.Current.CancellationToken);
        var environments = new Dictionary<string, string?>();
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var variables = new Dictionary<string, object>();
            var context = new EnvironmentCallbackContext(builder.ExecutionContext, project, variables, TestContext.Current.CancellationToken);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            environments[project.Name] = variables.GetValueOrDefault(variable) as string;
        }

        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }

        return environments;
    }
}
