namespace Shop.OrderingApi.Domain.Promotions;

public enum DiscountKind
{
    /// <summary>Value is in basis points: 1000 is 10 %.</summary>
    Percentage,

    /// <summary>Value is in the currency's minor units.</summary>
    FixedAmount,
}

/// <summary>A discount code staff hand out, with the rules for when it applies.</summary>
public sealed class Promotion
{
    public string Code { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DiscountKind Kind { get; private set; }
    public long Value { get; private set; }
    public string Currency { get; private set; } = "";
    public long MinimumOrderAmount { get; private set; }
    public DateTimeOffset? ValidFrom { get; private set; }
    public DateTimeOffset? ValidUntil { get; private set; }
    public int? UsageLimit { get; private set; }
    public int? PerCustomerLimit { get; private set; }
    public int TimesUsed { get; private set; }
    public bool IsActive { get; private set; } = true;

    private Promotion() { }

    public Promotion(string code, string description, DiscountKind kind, long value, string currency, long minimumOrderAmount,
        DateTimeOffset? validFrom, DateTimeOffset? validUntil, int? usageLimit, int? perCustomerLimit)
    {
        Code = Normalize(code);
        Update(description, kind, value, currency, minimumOrderAmount, validFrom, validUntil, usageLimit, perCustomerLimit, isActive: true);
    }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public void Update(string description, DiscountKind kind, long value, string currency, long minimumOrderAmount,
        DateTimeOffset? validFrom, DateTimeOffset? validUntil, int? usageLimit, int? perCustomerLimit, bool isActive)
    {
        if (kind == DiscountKind.Percentage ? value is < 1 or > 10_000 : value < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A percentage is 1 to 10000 basis points; a fixed amount is at least 1.");
        }

        if (validFrom is not null && validUntil is not null && validUntil <= validFrom)
        {
            throw new ArgumentException("A promotion ends after it starts.", nameof(validUntil));
        }

        Description = description;
        Kind = kind;
        Value = value;
        Currency = currency;
        MinimumOrderAmount = minimumOrderAmount;
        // Kept as instants: PostgreSQL's timestamptz takes only UTC, whatever offset staff wrote the time in.
        ValidFrom = validFrom?.ToUniversalTime();
        ValidUntil = validUntil?.ToUniversalTime();
        UsageLimit = usageLimit;
        PerCustomerLimit = perCustomerLimit;
        IsActive = isActive;
    }

    /// <summary>Why this code cannot be used for this order, or null when it can.</summary>
    public string? WhyNotApplicable(Money subtotal, int timesUsedByCustomer, DateTimeOffset now) => this switch
    {
        { IsActive: false } => "This code is no longer active.",
        { ValidFrom: { } from } when now < from => "This code is not valid yet.",
        { ValidUntil: { } until } when now >= until => "This code has expired.",
        { UsageLimit: { } limit } when TimesUsed >= limit => "This code has been used up.",
        { PerCustomerLimit: { } perCustomer } when timesUsedByCustomer >= perCustomer => "You have already used this code.",
        _ when subtotal.Currency != Currency => "This code is for another currency.",
        _ when subtotal.Amount < MinimumOrderAmount => $"This code needs an order of at least {MinimumOrderAmount} {Currency}.",
        _ => null,
    };

    /// <summary>The discount on a subtotal; never more than the subtotal.</summary>
    public Money DiscountOn(Money subtotal) =>
        (Kind == DiscountKind.Percentage ? subtotal.Share((int)Value) : new Money(Value, subtotal.Currency)).Min(subtotal);

    public void RecordUse() => TimesUsed++;
}

/// <summary>One use of a code by a customer (or a guest's email), for per-customer limits.</summary>
public sealed record PromotionRedemption(Guid Id, string Code, string CustomerKey, Guid OrderId, DateTimeOffset RedeemedAt);
