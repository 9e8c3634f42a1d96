using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.AppHost.Local;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration;

/// <summary>
/// The local PostgreSQL server is shut down, not killed, when the AppHost stops or the server is stopped from the
/// dashboard: the next start then needs no crash recovery, and the server keeps the activity counts autovacuum
/// works from. It runs in the topology's collection, after the topology's start and not beside it: that start takes
/// both cores of a small CI machine for a minute, and a server that cannot get the CPU for its shutdown within the
/// orchestrator's 6 s is killed whatever signal it had.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class LocalPostgresStopTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StoppingShutsTheServerDownCleanlyWhileClientsAreConnected(bool stopTheServerOnly)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shop-postgres-stop-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // An application of the AppHost's assembly (where the orchestrator's location is recorded) with only the server.
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
            {
                Args = [$"--{LocalDataFolder.ConfigurationKey}={dataPath}"],
                AssemblyName = typeof(LocalPostgres).Assembly.GetName().Name,
                DisableDashboard = true,
            });
            // As the AppHost adds it: clients connect to the server's own port, not through the orchestrator's proxy
            // (which would end their sessions itself as it stops).
            var server = (IResourceWithConnectionString)new LocalServers(builder, LocalDataFolder.From(builder)).AddPostgresDatabase("shop").StartsWith.Resource;

            await using (var app = builder.Build())
            {
                await app.StartAsync(Cancellation);
                await app.ResourceNotifications.WaitForResourceHealthyAsync(server.Name, Cancellation);

                // A client that stays connected, as the services' pools do: a "smart" shutdown would wait for it.
                await using var client = new NpgsqlConnection(await server.GetConnectionStringAsync(Cancellation));
                await client.OpenAsync(Cancellation);

                if (stopTheServerOnly)
                {
                    // The dashboard's Stop command.
                    await app.Services.GetRequiredService<ResourceCommandService>()
                        .ExecuteCommandAsync(server.Name, KnownResourceCommands.StopCommand, Cancellation);
                    await app.ResourceNotifications.WaitForResourceAsync(server.Name, KnownResourceStates.TerminalStates, Cancellation);
                }
                else
                {
                    await app.StopAsync(Cancellation);
                }
            }

            // A clean shutdown ends with "shut down" ("shutting down" while its checkpoint is written, which the stop
            // need not wait for); a killed server's control file stays at "in production" or "shutting down".
            var cluster = Path.Combine(dataPath, "postgres", "cluster");
            var state = await Eventually.WaitForAsync(() => ClusterStateAsync(cluster), s => s == "shut down", TimeSpan.FromSeconds(20));
            Assert.Equal("shut down", state);
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    private static async Task<string> ClusterStateAsync(string cluster)
    {
        var controlData = Path.Combine(ServerBinaries.PostgresBinDirectory(null), "pg_controldata");
        var start = new ProcessStartInfo(controlData, ["-D", cluster]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return output.Split('\n')
            .Single(line => line.StartsWith("Database cluster state:", StringComparison.Ordinal))
            .Split(':', 2)[1].Trim();
    }
}
