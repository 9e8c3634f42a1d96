using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.ServiceDefaults;

/// <summary>Puts data a service needs into its database; running it twice changes nothing.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

public static class DatabaseMigrationExtensions
{
    /// <summary>
    /// Applies the checked-in migrations (creating the database if needed), then runs the seeders, before the
    /// service takes requests. EF Core takes a migration lock, so replicas starting together do not race.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TContext>(this WebApplication app, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        // A migration that builds an index or fills a table on a big store runs for minutes, not the query timeout.
        var queryTimeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await strategy.ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
        db.Database.SetCommandTimeout(queryTimeout);

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await strategy.ExecuteAsync(() => seeder.SeedAsync(db, cancellationToken));
        }
    }
}
