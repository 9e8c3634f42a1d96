using Npgsql;

namespace Shop.CatalogApi.Data;

/// <summary>
/// Replicas start together, and EF Core's migrations do not guard creating the database itself: two replicas both
/// create it, or both create the first tables. A session-level advisory lock taken on the server's maintenance
/// database (which always exists) lets one replica migrate and seed while the others wait, then find it done.
/// </summary>
public static class StartupLock
{
    /// <summary>Any number that no other advisory lock on this server uses.</summary>
    private const long Key = 0x5EED_CA7A;

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection))
        {
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
        }

        // Closing the session releases the lock.
        return connection;
    }
}
