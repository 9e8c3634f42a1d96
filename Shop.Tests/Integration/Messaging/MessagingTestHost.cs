using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Messaging;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Messaging;

/// <summary>A service's-worth of event bus against the topology's RabbitMQ and PostgreSQL, with its own queue and database.</summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _databaseName;
    private readonly string _serverConnectionString;

    private MessagingTestHost(IHost host, string queue, string databaseName, string serverConnectionString)
    {
        _host = host;
        Queue = queue;
        _databaseName = databaseName;
        _serverConnectionString = serverConnectionString;
    }

    public string Queue { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<MessagingTestHost> StartAsync(ShopAppFixture shop, Action<HostApplicationBuilder> configure, CancellationToken cancellationToken)
    {
        var queue = "tests-" + Guid.NewGuid().ToString("N")[..12];
        var databaseName = queue.Replace('-', '_');
        var server = await shop.App.GetConnectionStringAsync("postgres", cancellationToken)
            ?? throw new InvalidOperationException("The topology has no PostgreSQL connection string.");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration[$"ConnectionStrings:{EventBusExtensions.ConnectionName}"] =
            await shop.App.GetConnectionStringAsync("messaging", cancellationToken);
        builder.Configuration["Messaging:RetryDelays:0"] = "00:00:00.100";
        builder.Configuration["Messaging:RetryDelays:1"] = "00:00:00.200";
        // Retrying, as the Aspire integration configures the services' contexts.
        builder.Services.AddDbContext<MessagingTestDbContext>(db =>
            db.UseNpgsql($"{server};Database={databaseName}", npgsql => npgsql.EnableRetryOnFailure()));
        builder.AddEventBus(queueName: queue);
        configure(builder);

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>().Database.EnsureCreatedAsync(cancellationToken);
        }

        await host.StartAsync(cancellationToken);
        var consumer = host.Services.GetServices<IHostedService>().OfType<IEventConsumerStatus>().SingleOrDefault();
        if (consumer is not null)
        {
            // The consumer declares and binds its queue as it starts; publishing before that would miss it.
            await consumer.Consuming.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return new MessagingTestHost(host, queue, databaseName, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await using var db = new MessagingTestDbContext(new DbContextOptionsBuilder<MessagingTestDbContext>()
            .UseNpgsql($"{_serverConnectionString};Database={_databaseName}").Options);
        await db.Database.EnsureDeletedAsync();
    }
}

/// <summary>A stand-in for a service's database: one table of its own plus the outbox and inbox.</summary>
public sealed class MessagingTestDbContext(DbContextOptions<MessagingTestDbContext> options) : DbContext(options)
{
    public DbSet<RecordedNote> Notes => Set<RecordedNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}

public sealed class RecordedNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Text { get; set; } = "";
}
