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

    private IdempotencyRecord() { }

    public IdempotencyRecord(string scope, string key, string requestHash, DateTimeOffset createdAt)
    {
        Scope = scope;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public bool IsComplete => StatusCode is not null;

    public void Complete(int statusCode, string responseBody)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }
}
