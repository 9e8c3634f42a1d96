namespace Shop.OrderingApi.Domain;

/// <summary>An amount in the currency's minor units (cents). Arithmetic refuses to mix currencies.</summary>
public readonly record struct Money(long Amount, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money left, Money right) => new(checked(left.Amount + SameCurrency(left, right).Amount), left.Currency);

    public static Money operator -(Money left, Money right) => new(checked(left.Amount - SameCurrency(left, right).Amount), left.Currency);

    public Money Times(int quantity) => this with { Amount = checked(Amount * quantity) };

    /// <summary>A share in basis points (1/100 of a percent), rounded half away from zero to the minor unit.</summary>
    public Money Share(int basisPoints) =>
        this with { Amount = (long)Math.Round(Amount * (decimal)basisPoints / 10_000m, MidpointRounding.AwayFromZero) };

    public Money Min(Money other) => SameCurrency(this, other).Amount < Amount ? other : this;

    public bool IsNegative => Amount < 0;

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? right
            : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency}.");

    public override string ToString() => $"{Amount} {Currency}";
}
