namespace Shop.AppHost.Local;

public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "shop";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{password}@{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>
/// rabbitmq-server from the machine's package, with its database and logs under the local data folder. The node
/// name is derived from the folder, so a dev run and a test run on one machine do not collide in epmd.
/// </summary>
public static class LocalRabbitMq
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly ServerAccount Account = new("rabbitmq");

    public static IResourceBuilder<LocalRabbitMqResource> Add(IDistributedApplicationBuilder builder, string name, LocalDataFolder data)
    {
        var server = ServerBinaries.Require(ServerScript, "RabbitMQ", "rabbitmq-server");
        var password = builder.AddParameter($"{name}-password", data.Secret($"{name}-password"), secret: true);
        var root = data.Folder(name);
        var home = data.Folder(name, "home");
        var database = data.Folder(name, "mnesia");
        var logs = data.Folder(name, "log");
        Account.Own(root);

        var (command, leadingArgs) = Account.Command(server);
        var rabbitMq = builder.AddResource(new LocalRabbitMqResource(name, command, home, password.Resource))
            .WithEndpoint(name: LocalRabbitMqResource.EndpointName, scheme: "tcp")
            .WithArgs([.. leadingArgs])
            .WithEnvironment(context =>
            {
                var resource = (LocalRabbitMqResource)context.Resource;
                var env = context.EnvironmentVariables;
                env["HOME"] = home; // the Erlang cookie lives here
                env["RABBITMQ_NODENAME"] = $"shop-{data.InstanceTag()}@localhost";
                env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_NODE_PORT"] = resource.Endpoint.Property(EndpointProperty.TargetPort);
                env["RABBITMQ_DIST_PORT"] = LocalDataFolder.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
                env["RABBITMQ_MNESIA_BASE"] = database;
                env["RABBITMQ_LOG_BASE"] = logs;
                env["RABBITMQ_LOGS"] = "-"; // to the console, so the dashboard shows the log
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
                // Only read when the database is first created; the account then persists with the data.
                env["RABBITMQ_DEFAULT_USER"] = LocalRabbitMqResource.UserName;
                env["RABBITMQ_DEFAULT_PASS"] = password.Resource;
            });

        HealthChecks.AddRabbitMq(builder, rabbitMq);
        return rabbitMq;
    }
}
