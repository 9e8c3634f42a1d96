using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.CatalogApi.Data;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Search;

namespace Shop.CatalogGenerator;

/// <summary>
/// Fills the catalog database with generated products (with SKUs and search documents) up to a given total,
/// with PostgreSQL's binary COPY: a million products in minutes. Usage:
/// <c>dotnet run -c Release --project Shop.CatalogGenerator -- --products 1000000 --connection "Host=...;Database=catalogdb;..."</c>
/// </summary>
internal static class CatalogGeneratorProgram
{
    private const string Usage = "Usage: Shop.CatalogGenerator --products <total, up to 1000000> --connection <catalogdb connection string> [--seed <n>]";
    private const int MaxProducts = 1_000_000;

    public static async Task<int> Main(string[] args)
    {
        var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        if (!options.TryGetValue("--connection", out var connectionString)
            || !options.TryGetValue("--products", out var productsText) || !long.TryParse(productsText, out var target)
            || target is < 0 or > MaxProducts)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var seed = options.TryGetValue("--seed", out var seedText) ? int.Parse(seedText) : 1;
        var clock = Stopwatch.StartNew();

        // The same schema and demo categories and brands the catalog service would create.
        await using (var catalog = new CatalogDbContext(new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(connectionString).Options))
        {
            await catalog.Database.MigrateAsync();
            await new CatalogSeeder().SeedAsync(catalog, CancellationToken.None);
        }

        await using (var search = new SearchIndexDbContext(new DbContextOptionsBuilder<SearchIndexDbContext>()
                         .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(SearchIndexDbContext.MigrationsHistoryTable)).Options))
        {
            await search.Database.MigrateAsync();
        }

        // A million rows' COPY, its foreign-key checks and the VACUUMs run for minutes, past Npgsql's 30-second default.
        var bulk = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var dataSource = NpgsqlDataSource.Create(bulk.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var existing = (long)(await new NpgsqlCommand("SELECT count(*) FROM \"Products\"", connection).ExecuteScalarAsync())!;
        var count = target - existing;
        if (count <= 0)
        {
            Console.WriteLine($"The catalog already has {existing} products; nothing to add.");
            return 0;
        }

        var generated = new GeneratedCatalog(await ShelvesAsync(connection), await BrandsAsync(connection), seed);
        Console.WriteLine($"Adding {count} products to the {existing} there are (seed {seed})...");

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await CopyProductsAsync(connection, generated.Products(existing, count));
            Report("products", clock);
            await CopySkusAsync(connection, generated.Products(existing, count));
            Report("SKUs", clock);
            await CopyAttributesAsync(connection, generated.Products(existing, count));
            Report("attributes", clock);
            await CopyDocumentsAsync(connection, generated.Products(existing, count));
            Report("search documents", clock);
            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, """
            DELETE FROM search_vocabulary;
            INSERT INTO search_vocabulary (word, document_count) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_documents');
            """);
        Report("search vocabulary", clock);
        // The catalog's search caches and facet summary follow the index's version.
        await ExecuteAsync(connection, "SELECT nextval('search_index_version')");
        // VACUUM marks the pages all-visible, which index-only scans (the listings' sort indexes) rely on.
        foreach (var table in new[] { "\"Products\"", "\"Skus\"", "search_documents", "search_vocabulary" })
        {
            await ExecuteAsync(connection, $"VACUUM ANALYZE {table}");
        }

        Report("statistics", clock);
        Console.WriteLine($"The catalog has {target} products.");
        return 0;
    }

    private static async Task<IReadOnlyList<ShelfRef>> ShelvesAsync(NpgsqlConnection connection)
    {
        var categories = new List<(int Id, string Slug, string Name, int? ParentId)>();
        await using (var reader = await new NpgsqlCommand("SELECT \"Id\", \"Slug\", \"Name\", \"ParentId\" FROM \"Categories\"", connection).ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                categories.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }
        }

        var byId = categories.ToDictionary(c => c.Id);
        return DemoCatalog.Shelves
            .Select(shelf => (shelf, category: categories.FirstOrDefault(c => c.Slug == shelf.Slug)))
            .Where(s => s.category.Slug is not null)
            .Select(s =>
            {
                var path = new List<(string, string)> { (s.category.Slug, s.category.Name) };
                for (var parent = s.category.ParentId; parent is { } id && byId.TryGetValue(id, out var p); parent = p.ParentId)
                {
                    path.Insert(0, (p.Slug, p.Name));
                }

                return new ShelfRef(s.category.Id, s.shelf, path);
            })
            .ToList();
    }

    private static async Task<IReadOnlyList<BrandRef>> BrandsAsync(NpgsqlConnection connection)
    {
        var brands = new List<BrandRef>();
        await using var reader = await new NpgsqlCommand("SELECT \"Id\", \"Name\", \"Slug\" FROM \"Brands\" ORDER BY \"Id\"", connection).ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            brands.Add(new BrandRef(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return brands;
    }

    private static async Task CopyProductsAsync(NpgsqlConnection connection, IEnumerable<GeneratedProduct> products)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "Products" ("Id", "Name", "Slug", "Description", "CategoryId", "BrandId", "PriceAmount", "PriceCurrency", "IsPublished", "CreatedAt", "InStock")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var product in products)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(product.Name, NpgsqlDbType.Varchar);
            await writer.WriteAsync(product.Slug, NpgsqlDbType.Varchar);
            await writer.WriteAsync(product.Description, NpgsqlDbType.Varchar);
            await writer.WriteAsync(product.Shelf.CategoryId, NpgsqlDbType.Integer);
            await writer.WriteAsync(product.Brand.Id, NpgsqlDbType.Integer);
            await writer.WriteAsync(product.Price, NpgsqlDbType.Bigint);
            await writer.WriteAsync(DemoCatalog.Currency, NpgsqlDbType.Char);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(product.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            // As the SKUs below will make it (their trigger then finds nothing to change).
            await writer.WriteAsync(product.InStock, NpgsqlDbType.Boolean);
        }

        await writer.CompleteAsync();
    }

    private static async Task CopySkusAsync(NpgsqlConnection connection, IEnumerable<GeneratedProduct> products)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "Skus" ("Code", "ProductId", "Options", "PriceAmount", "PriceCurrency", "OnHand", "Reserved", "WeightGrams")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var product in products)
        {
            foreach (var sku in product.Skus)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(sku.Code, NpgsqlDbType.Varchar);
                await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(sku.OptionsJson, NpgsqlDbType.Jsonb);
                await writer.WriteAsync(product.Price, NpgsqlDbType.Bigint);
                await writer.WriteAsync(DemoCatalog.Currency, NpgsqlDbType.Char);
                await writer.WriteAsync(sku.OnHand, NpgsqlDbType.Integer);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(sku.WeightGrams, NpgsqlDbType.Integer);
            }
        }

        await writer.CompleteAsync();
    }

    private static async Task CopyAttributesAsync(NpgsqlConnection connection, IEnumerable<GeneratedProduct> products)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "ProductAttributes" ("Id", "ProductId", "Name", "Kind", "Text", "Number")
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var product in products)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync("colour", NpgsqlDbType.Varchar);
            await writer.WriteAsync(nameof(AttributeKind.Text), NpgsqlDbType.Varchar);
            await writer.WriteAsync(product.Colour, NpgsqlDbType.Varchar);
            await writer.WriteNullAsync();
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync("warranty-years", NpgsqlDbType.Varchar);
            await writer.WriteAsync(nameof(AttributeKind.Number), NpgsqlDbType.Varchar);
            await writer.WriteNullAsync();
            await writer.WriteAsync((decimal)product.WarrantyYears, NpgsqlDbType.Numeric);
        }

        await writer.CompleteAsync();
    }

    private static async Task CopyDocumentsAsync(NpgsqlConnection connection, IEnumerable<GeneratedProduct> products)
    {
        var now = DateTime.UtcNow;
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY search_documents (product_id, slug, name, brand, brand_slug, category_slugs, category_names, description,
                price_amount, currency, in_stock, created_at, indexed_at, attribute_keys, attribute_values, attribute_numbers)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var product in products)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(product.Slug, NpgsqlDbType.Text);
            await writer.WriteAsync(product.Name, NpgsqlDbType.Text);
            await writer.WriteAsync(product.Brand.Name, NpgsqlDbType.Text);
            await writer.WriteAsync(product.Brand.Slug, NpgsqlDbType.Text);
            await writer.WriteAsync(product.Shelf.Path.Select(c => c.Slug).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(product.Shelf.Path.Select(c => c.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(product.Description, NpgsqlDbType.Text);
            await writer.WriteAsync(product.Price, NpgsqlDbType.Bigint);
            await writer.WriteAsync(DemoCatalog.Currency, NpgsqlDbType.Char);
            await writer.WriteAsync(product.InStock, NpgsqlDbType.Boolean);
            await writer.WriteAsync(product.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(product.Attributes.Select(a => $"{a.Name}={a.Key}").ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(product.Attributes.Select(a => a.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(JsonSerializer.Serialize(product.Attributes.Where(a => a.Number is not null).ToDictionary(a => a.Name, a => a.Number)), NpgsqlDbType.Jsonb);
        }

        await writer.CompleteAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static void Report(string step, Stopwatch clock) => Console.WriteLine($"{clock.Elapsed:mm\\:ss} {step} written");
}
