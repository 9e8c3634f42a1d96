using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.OrderingApi.Data;
using Shop.ServiceDefaults;

namespace Shop.OrderingApi.Idempotency;

/// <summary>Bound from <c>Idempotency</c>.</summary>
public sealed class IdempotencySettings
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a key's first answer is kept for replays, as Stripe keeps keys for 24 hours. A checkout's answer holds
    /// the buyer's email, address and guest link, so it is not kept longer than a retry needs it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often answers past <see cref="KeepFor"/> are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes idempotency keys and their answers once they are older than <see cref="IdempotencySettings.KeepFor"/>.</summary>
public sealed class IdempotencyRetention(
    IServiceScopeFactory scopeFactory,
    IOptions<IdempotencySettings> settings,
    TimeProvider clock,
    ILogger<IdempotencyRetention> logger) : PeriodicBackgroundService(settings.Value.CleanupInterval, clock, logger)
{
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => DeleteExpiredAsync(cancellationToken);

    /// <summary>One round: how many keys were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var cutoff = Clock.GetUtcNow() - settings.Value.KeepFor;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
