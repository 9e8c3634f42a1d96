using System.Security.Cryptography;

namespace Shop.BasketApi.Baskets;

public sealed record BasketLine(string Sku, int Quantity);

/// <summary>A shopper's basket. A guest basket is found only by its id, so the id must be impossible to guess.</summary>
public sealed record Basket(string Id, IReadOnlyList<BasketLine> Lines, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>128 random bits, URL-safe: as strong as a session key, and never sequential.</summary>
    public static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormedId(string id) =>
        id.Length == 22 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static Basket NewGuestBasket(DateTimeOffset now) => new(NewId(), [], now, now);
}
