namespace Shop.OrderingApi.Domain.Orders;

public enum ReturnStatus
{
    Requested,
    Approved,
    Rejected,
    Received,
    Refunded,
}

public sealed record ReturnLine(string Sku, int Quantity);

/// <summary>A customer's request to send items back: requested → approved or rejected → received → refunded.</summary>
public sealed record ReturnRequest(
    Guid Id,
    IReadOnlyList<ReturnLine> Lines,
    string Reason,
    ReturnStatus Status,
    DateTimeOffset RequestedAt,
    string? StaffNote)
{
    public ReturnRequest MoveTo(ReturnStatus next, string? staffNote = null)
    {
        var allowed = (Status, next) switch
        {
            (ReturnStatus.Requested, ReturnStatus.Approved or ReturnStatus.Rejected) => true,
            (ReturnStatus.Approved, ReturnStatus.Received) => true,
            (ReturnStatus.Received, ReturnStatus.Refunded) => true,
            _ => false,
        };
        return allowed
            ? this with { Status = next, StaffNote = staffNote ?? StaffNote }
            : throw new ReturnStateConflictException(Status, next);
    }
}

public sealed class ReturnStateConflictException(ReturnStatus current, ReturnStatus wanted)
    : Exception($"A return that is {current} cannot become {wanted}.")
{
    public ReturnStatus Current { get; } = current;
}

/// <summary>The items asked for cannot be returned (not bought, or already being returned).</summary>
public sealed class InvalidReturnException(string message) : Exception(message);
