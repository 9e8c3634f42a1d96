namespace Shop.OrderingApi.Idempotency;

/// <summary>
/// The first answer to a request sent with an <c>Idempotency-Key</c>, kept so a retry of the same request gets the
/// same answer instead of doing the work again. Keys are scoped to the caller.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Scope { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public int? StatusCode { get; private set; }
    public string? ResponseBody { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The order a checkout's answer holds (its email, address and guest link), so the answer goes with the order's
    /// personal data when the person is erased; null for other answers.
    /// </summary>
    public Guid? OrderId { get; private set; }

    private IdempotencyRecord() { }

    public IdempotencyRecord(string scope, string key, string requestHash, DateTimeOffset createdAt)
    {
        Scope = scope;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public bool IsComplete => StatusCode is not null;

}
