namespace Shop.CatalogApi.Stock;

public enum ReservationStatus
{
    Held,
    Committed,
    Released,

    /// <summary>Sold, then the order was cancelled before it shipped: the units are stock again.</summary>
    Restocked,
}

/// <summary>
/// Units of one SKU held for one order (the reservation id is the order id) until paid or released. Only a held
/// reservation is settled, once (<see cref="StockLedger"/> settles them in one statement).
/// </summary>
public sealed class StockReservation
{
    public Guid ReservationId { get; private set; }
    public string Sku { get; private set; } = "";
    public int Quantity { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SettledAt { get; private set; }

    private StockReservation() { }

    public StockReservation(Guid reservationId, string sku, int quantity, DateTimeOffset now)
    {
        ReservationId = reservationId;
        Sku = sku;
        Quantity = quantity;
        Status = ReservationStatus.Held;
        CreatedAt = now;
    }
}

/// <summary>One change to a SKU's stock and why: the audit trail staff read.</summary>
public sealed record StockMovement(Guid Id, string Sku, int OnHandChange, int ReservedChange, string Reason, string Actor, DateTimeOffset At);
