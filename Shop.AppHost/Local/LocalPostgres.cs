using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.AppHost.Local;

public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={password}");
}

public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent => parent;

    /// <summary>The database need not exist yet: each service's migrations create their own.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={Name}");
}

/// <summary>PostgreSQL from the machine's package, its cluster under the local data folder, listening on loopback only.</summary>
public static partial class LocalPostgres
{
    private static readonly ServerAccount Account = new("postgres");

    public static IResourceBuilder<LocalPostgresServerResource> Add(IDistributedApplicationBuilder builder, string name, LocalDataFolder data)
    {
        var binDirectory = ServerBinaries.PostgresBinDirectory(builder.Configuration["BackingServices:PostgresBinDirectory"]);
        var postgres = ServerBinaries.Require(Path.Combine(binDirectory, "postgres"), "PostgreSQL", "postgresql");
        var initdb = ServerBinaries.Require(Path.Combine(binDirectory, "initdb"), "PostgreSQL", "postgresql");

        var password = builder.AddParameter($"{name}-password", data.Secret($"{name}-password"), secret: true);
        var settings = Settings(builder.Configuration);
        var clusterDirectory = EnsureCluster(initdb, data.Folder(name), data.Secret($"{name}-password"));

        var (command, leadingArgs) = Account.Command(Shell);
        var server = builder.AddResource(new LocalPostgresServerResource(name, command, data.Root, password.Resource))
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                var endpoint = context.Resource is LocalPostgresServerResource r ? r.Endpoint : throw new InvalidOperationException();
                foreach (var arg in leadingArgs)
                {
                    context.Args.Add(arg);
                }

                context.Args.Add("-c");
                context.Args.Add(StopsFastOnTerm);
                context.Args.Add("postgres");
                context.Args.Add(postgres);
                context.Args.Add("-D");
                context.Args.Add(clusterDirectory);
                context.Args.Add("-p");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                // Four services' connection pools (up to 100 each) and the tools beside them outgrow the default 100.
                context.Args.Add("-c");
                context.Args.Add("max_connections=500");
                // TCP only: a socket path under a deep data folder can exceed the 107-byte limit.
                context.Args.Add("-c");
                context.Args.Add("unix_socket_directories=");
                foreach (var (setting, value) in settings)
                {
                    context.Args.Add("-c");
                    context.Args.Add($"{setting}={value}");
                }
            });

        HealthChecks.AddNpgsql(builder, server);
        return server;
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = builder.AddResource(new LocalPostgresDatabaseResource(name, server.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            });
        HealthChecks.AddNpgsql(builder, database);

        // A database has no process of its own: it is running once its server is ready, and then its own
        // health check (which connects to it by name) says whether it is healthy.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (ready, _) =>
            ready.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database.Resource, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));
        return database;
    }

    /// <summary>
    /// Server settings from <c>BackingServices:LocalPostgres:Settings</c> (name: value), passed as <c>-c</c> options;
    /// an empty value leaves the server's default. A managed server's operator sets these instead.
    /// </summary>
    private static IReadOnlyList<(string Name, string Value)> Settings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SettingsSection).GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s.Value))
            .Select(s => (s.Key, s.Value!))
            .ToList();
        var invalid = settings.Where(s => !ValidSettingName().IsMatch(s.Key)).Select(s => s.Key).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException(
                $"{SettingsSection}: '{string.Join("', '", invalid)}' is not a PostgreSQL setting name (lower-case letters, digits, '_' and '.').");
        }

        return settings;
    }

    private const string SettingsSection = "BackingServices:LocalPostgres:Settings";

    private const string Shell = "/bin/sh";

    /// <summary>
    /// Runs the server (the script's arguments) and turns the SIGTERM that stops it into SIGINT. The orchestrator stops
    /// a process with SIGTERM and kills it about six seconds later; PostgreSQL takes SIGTERM as a "smart" shutdown,
    /// which waits for every client to disconnect, and pooled connections (the AppHost's own health checks among them)
    /// never do, so the server was always killed: every start then ran crash recovery, and the activity counts that
    /// autovacuum works from started again at zero. SIGINT is PostgreSQL's fast shutdown: it ends the sessions, writes
    /// a checkpoint and exits. (PostgreSQL installs its own signal handlers, so the SIGINT a background job of a
    /// non-interactive shell starts out ignoring does not stay ignored.) The second wait lets the shutdown finish.
    /// </summary>
    private const string StopsFastOnTerm = """
        "$@" &
        server=$!
        trap 'kill -INT "$server"' TERM INT
        wait "$server"
        status=$?
        while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
        exit "$status"
        """;

    [GeneratedRegex("^[a-z][a-z0-9_.]*$")]
    private static partial Regex ValidSettingName();

    /// <summary>Creates the cluster on first start (initdb); later starts reuse it and its data.</summary>
    private static string EnsureCluster(string initdb, string serverFolder, string password)
    {
        var clusterDirectory = Path.Combine(serverFolder, "cluster");
        if (File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
        {
            return clusterDirectory;
        }

        Console.WriteLine($"PostgreSQL: creating a new cluster in {clusterDirectory}");
        var passwordFile = Path.Combine(serverFolder, "initial-password");
        File.WriteAllText(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Account.Own(serverFolder);
        try
        {
            Account.RunToCompletion(initdb,
                "-D", clusterDirectory,
                "-U", LocalPostgresServerResource.UserName,
                "--auth=scram-sha-256",
                $"--pwfile={passwordFile}",
                "--encoding=UTF8",
                "--locale=C.UTF-8");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        return clusterDirectory;
    }
}
