using Npgsql;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Search;

/// <summary>
/// The search tables can be maintained the way autovacuum and a restore from a dump maintain them: with only the
/// system catalog on the search path, where functions that call each other by bare name are not found.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class SearchMaintenanceTests(ShopAppFixture shop)
{
    [Theory]
    [InlineData("search_documents")]
    [InlineData("search_vocabulary")]
    public async Task ASearchTableIsVacuumedAndAnalyzedWithOnlyTheSystemCatalogOnThePath(string table)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = new NpgsqlConnectionStringBuilder(await shop.ConnectionStringAsync("catalogdb"))
        {
            SearchPath = "pg_catalog",
            // A connection of its own, so the indexes' expressions are read afresh with this search path.
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);

        // ANALYZE computes the expression indexes' values for a sample of rows, so each function runs too.
        await using var maintenance = new NpgsqlCommand($"VACUUM (ANALYZE) public.{table}", connection);
        await maintenance.ExecuteNonQueryAsync(cancellation);

        await using var analyzed = new NpgsqlCommand(
            "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = @table", connection);
        analyzed.Parameters.AddWithValue("table", table);
        Assert.Equal(true, await analyzed.ExecuteScalarAsync(cancellation));
    }
}
