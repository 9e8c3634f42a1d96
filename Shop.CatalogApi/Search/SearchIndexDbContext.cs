using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.CatalogApi.Search;

/// <summary>
/// Search's own tables in the catalog database, with their own migrations and history table, apart from the
/// catalog's model. The PostgreSQL engine's documents and vocabulary are created by the migration in SQL (a
/// generated tsvector column and GIN indexes) and read with SQL; synonyms and zero-result queries are used by
/// every engine.
/// </summary>
public sealed class SearchIndexDbContext(DbContextOptions<SearchIndexDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__search_migrations_history";

    public DbSet<SynonymGroup> SynonymGroups => Set<SynonymGroup>();
    public DbSet<ZeroResultQuery> ZeroResultQueries => Set<ZeroResultQuery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SynonymGroup>(group =>
        {
            group.ToTable("search_synonyms");
            group.HasKey(g => g.Id);
            group.Property(g => g.Id).HasColumnName("id");
            group.Property(g => g.Terms).HasColumnName("terms");
        });

        modelBuilder.Entity<ZeroResultQuery>(query =>
        {
            query.ToTable("search_zero_results");
            query.HasKey(q => q.Query);
            query.Property(q => q.Query).HasColumnName("query").HasMaxLength(QueryText.MaxLength);
            query.Property(q => q.Count).HasColumnName("count");
            query.Property(q => q.LastSeenAt).HasColumnName("last_seen_at");
            query.HasIndex(q => q.Count);
        });
    }
}

/// <summary>Words that mean the same to shoppers ("tee", "t-shirt"): a query for one finds the others.</summary>
public sealed class SynonymGroup
{
    public int Id { get; private set; }
    public List<string> Terms { get; private set; } = [];

    private SynonymGroup() { }

    public SynonymGroup(IEnumerable<string> terms) => Terms = terms.ToList();
}

/// <summary>A query that found nothing, how often it was asked and when last: what the catalog or synonyms lack.</summary>
public sealed class ZeroResultQuery
{
    public string Query { get; private set; } = "";
    public long Count { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
}

/// <summary>For <c>dotnet ef migrations</c>: the model needs no server, so no real connection string is involved.</summary>
public sealed class DesignTimeSearchIndexDbContextFactory : IDesignTimeDbContextFactory<SearchIndexDbContext>
{
    public SearchIndexDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchIndexDbContext>()
            .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable(SearchIndexDbContext.MigrationsHistoryTable))
            .Options);
}
