using Shop.AppHost.BackingServices;
using Shop.AppHost.Local;

namespace Shop.Tests.Deployment;

/// <summary>Which resources the AppHost declares in each way of starting backing services; nothing is started.</summary>
public sealed class BackingServiceModeTests
{
    [Fact]
    public async Task ContainersModeDeclaresAspireContainersWithElasticsearch()
    {
        var resources = await ModelAsync("--BackingServices:Mode=containers");

        Assert.IsType<PostgresServerResource>(resources["postgres"]);
        Assert.IsType<PostgresDatabaseResource>(resources["catalogdb"]);
        Assert.IsType<RedisResource>(resources["redis"]);
        Assert.IsType<RabbitMQServerResource>(resources["messaging"]);
        Assert.IsType<ElasticsearchContainerResource>(resources["search"]);
        Assert.IsType<MailSinkContainerResource>(resources["mail"]);
    }

    [Fact]
    public async Task LocalModeDeclaresExecutablesAndNoElasticsearch()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shop-model-" + Guid.NewGuid().ToString("N"));
        var resources = await ModelAsync("--BackingServices:Mode=local", $"--BackingServices:DataPath={dataPath}");

        Assert.IsType<LocalPostgresServerResource>(resources["postgres"]);
        Assert.IsType<LocalPostgresDatabaseResource>(resources["orderingdb"]);
        Assert.IsType<LocalRedisResource>(resources["redis"]);
        Assert.IsType<LocalRabbitMqResource>(resources["messaging"]);
        Assert.IsType<MailSinkExecutableResource>(resources["mail"]);
        Assert.False(resources.ContainsKey("search"));
        Directory.Delete(dataPath, recursive: true);
    }

    [Fact]
    public async Task AConfiguredConnectionStringIsUsedAsItIs()
    {
        var resources = await ModelAsync(
            "--BackingServices:Mode=containers",
            "--ConnectionStrings:redis=cache.example.net:6380,ssl=true",
            "--ConnectionStrings:catalogdb=Host=db.example.net;Database=catalog");

        Assert.IsAssignableFrom<ParameterResource>(resources["redis"]);
        Assert.IsAssignableFrom<ParameterResource>(resources["catalogdb"]);
        Assert.IsType<PostgresDatabaseResource>(resources["orderingdb"]);
    }

    [Fact]
    public async Task AnUnknownModeIsRefused()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ModelAsync("--BackingServices:Mode=cloud"));
        Assert.Contains("auto, containers or local", refused.ToString());
    }

    private static async Task<Dictionary<string, IResource>> ModelAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            args, (options, _) => options.DisableDashboard = true, TestContext.Current.CancellationToken);
        return builder.Resources.ToDictionary(r => r.Name);
    }
}
