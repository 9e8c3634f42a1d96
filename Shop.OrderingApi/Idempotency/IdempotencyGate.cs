using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Data;

namespace Shop.OrderingApi.Idempotency;

/// <summary>What to do with a request that carries an Idempotency-Key.</summary>
public abstract record IdempotencyDecision
{
    /// <summary>First time for this key: do the work, then <see cref="IdempotencyGate.CompleteAsync"/>.</summary>
    public sealed record Proceed : IdempotencyDecision;

    /// <summary>Done before: answer exactly as the first time.</summary>
    public sealed record Replay(int StatusCode, string Body) : IdempotencyDecision;

    /// <summary>The key was used for a different request (422).</summary>
    public sealed record Mismatch : IdempotencyDecision;

    /// <summary>The first request with this key is still running and did not finish in time (409).</summary>
    public sealed record InProgress : IdempotencyDecision;
}

/// <summary>
/// Stripe's idempotency semantics: the same key and body returns the first answer; the same key with another body
/// is refused; concurrent requests with one key do the work once, the others wait for its answer. Keys are scoped
/// to the caller, so one customer's key never replays another's answer.
/// </summary>
public sealed class IdempotencyGate(OrderingDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(30);

    public static string HashOf(string canonicalRequest) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    public async Task<IdempotencyDecision> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        // The insert is the lock: exactly one request per key gets to do the work.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "CreatedAt")
            VALUES ({scope}, {key}, {requestHash}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            return new IdempotencyDecision.Proceed();
        }

        var deadline = clock.GetUtcNow() + WaitForFirst;
        while (true)
        {
            var record = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (record is null)
            {
                // The first request failed and gave its key back: this one may try.
                return await BeginAsync(scope, key, requestHash, cancellationToken);
            }

            if (record.RequestHash != requestHash)
            {
                return new IdempotencyDecision.Mismatch();
            }

            if (record.IsComplete)
            {
                return new IdempotencyDecision.Replay(record.StatusCode!.Value, record.ResponseBody!);
            }

            if (clock.GetUtcNow() > deadline)
            {
                return new IdempotencyDecision.InProgress();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }
    }

    /// <summary>Keeps the answer for replays; <paramref name="orderId"/> names the order it holds, if any.</summary>
    public Task CompleteAsync(string scope, string key, int statusCode, string body, Guid? orderId, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.StatusCode, statusCode)
                .SetProperty(x => x.ResponseBody, body)
                .SetProperty(x => x.OrderId, orderId), cancellationToken);

    /// <summary>The work failed, or was refused without doing anything: free the key so a retry can do it.</summary>
    public Task AbandonAsync(string scope, string key) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync();
}
