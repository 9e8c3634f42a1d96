using Shop.AppHost;

namespace Shop.Tests.Deployment;

/// <summary>Which hosting environment the AppHost gives Shop's services; nothing is started.</summary>
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

    private static async Task<Dictionary<string, string?>> EnvironmentsAsync(params string[] args)
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

            environments[project.Name] = variables.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") as string;
        }

        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }

        return environments;
    }
}
