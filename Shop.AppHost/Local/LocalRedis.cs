namespace Shop.AppHost.Local;

public sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary>StackExchange.Redis configuration syntax.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)},password={password}");
}

/// <summary>
/// redis-server from the machine's package, persisted as a basket store is: every write goes to the append-only file,
/// flushed to disk once a second, and there are no snapshots. Redis's default snapshot rules (a save after 60 s when
/// 10,000 keys changed, after 300 s for 100, after an hour for 1) fork the server and write the whole dataset again
/// about once a minute under the baskets' write load, for a second copy the append-only file already makes: on
/// restart Redis loads the append-only file, not the snapshot. The file is rewritten (compacted) in the background
/// when it has doubled, from 64 MB.
/// </summary>
public static class LocalRedis
{
    private static readonly ServerAccount Account = new("redis");

    public static IResourceBuilder<LocalRedisResource> Add(IDistributedApplicationBuilder builder, string name, LocalDataFolder data)
    {
        var redisServer = ServerBinaries.Require("/usr/bin/redis-server", "Redis", "redis-server");
        var password = builder.AddParameter($"{name}-password", data.Secret($"{name}-password"), secret: true);
        var dataDirectory = data.Folder(name);
        Account.Own(dataDirectory);

        var (command, leadingArgs) = Account.Command(redisServer);
        var redis = builder.AddResource(new LocalRedisResource(name, command, data.Root, password.Resource))
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                var resource = (LocalRedisResource)context.Resource;
                foreach (var arg in leadingArgs)
                {
                    context.Args.Add(arg);
                }

                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--dir");
                context.Args.Add(dataDirectory);
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--appendfsync");
                context.Args.Add("everysec");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--requirepass");
                context.Args.Add(password.Resource);
            });

        HealthChecks.AddRedis(builder, redis);
        return redis;
    }
}
