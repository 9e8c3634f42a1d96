using System.Security.Cryptography;

namespace Shop.BasketApi.Baskets;

/// <summary>
/// A line as the shopper chose it. The price and the product's name are what they were when the shopper last changed
/// the line: the name still tells them what the line was once the catalog stops selling it (null in lines kept from
/// before names were kept).
/// </summary>
public sealed record BasketLine(string Sku, int Quantity, long PriceWhenAdded, string Currency, string? NameWhenAdded = null);

/// <summary>
/// A shopper's basket. A guest basket is found only by its id, so the id must be impossible to guess; a
/// customer's is found by their account. Quantity rules live here; prices and stock come from the catalog.
/// </summary>
public sealed record Basket(
    string Id,
    string? CustomerId,
    string? Email,
    IReadOnlyList<BasketLine> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AbandonmentNotifiedAt)
{
    /// <summary>128 random bits, URL-safe: as strong as a session key, and never sequential.</summary>
    public static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormedId(string? id) =>
        id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static Basket NewGuestBasket(DateTimeOffset now) => new(NewId(), null, null, [], now, now, null);

    public static Basket NewCustomerBasket(string customerId, string? email, DateTimeOffset now) =>
        new(NewId(), customerId, email, [], now, now, null);

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public int QuantityOf(string sku) => IndexOf(sku) is var index and >= 0 ? Lines[index].Quantity : 0;

    /// <summary>
    /// Different SKUs one basket holds. The catalog answers about at most this many at once, and a basket read or
    /// checked out asks about all of its lines.
    /// </summary>
    public const int MaxLines = 100;

    /// <summary>Adds to the line for this SKU (or starts it); the result must stay within <paramref name="limit"/>.</summary>
    public Basket Add(string sku, int quantity, long currentPrice, string currency, int limit, DateTimeOffset now, string? productName = null)
    {
        if (quantity < 1)
        {
            throw new BasketRuleException("quantity", "Add at least one.");
        }

        // Checked before adding, so a huge quantity cannot overflow past the limit.
        if (quantity > limit - QuantityOf(sku))
        {
            throw new BasketRuleException("quantity", $"At most {limit} of this item can be ordered.");
        }

        return SetQuantity(sku, QuantityOf(sku) + quantity, currentPrice, currency, limit, now, productName);
    }

    /// <summary>Sets the line's quantity; zero removes it. The line's price and name are refreshed, clearing a price-change mark.</summary>
    public Basket SetQuantity(string sku, int quantity, long currentPrice, string currency, int limit, DateTimeOffset now, string? productName = null)
    {
        if (quantity < 0)
        {
            throw new BasketRuleException("quantity", "A quantity cannot be negative.");
        }

        if (quantity > limit)
        {
            throw new BasketRuleException("quantity", $"At most {limit} of this item can be ordered.");
        }

        // The line keeps its place (a new one goes last). No LINQ: every add and quantity change comes here.
        var index = IndexOf(sku);
        if (index < 0 && quantity > 0)
        {
            EnsureRoomFor(currency);
        }

        var lines = new List<BasketLine>(Lines.Count + 1);
        lines.AddRange(Lines);
        var line = new BasketLine(sku, quantity, currentPrice, currency, productName);
        if (index >= 0 && quantity > 0)
        {
            lines[index] = line;
        }
        else if (index >= 0)
        {
            lines.RemoveAt(index);
        }
        else if (quantity > 0)
        {
            lines.Add(line);
        }

        return Touch(lines, now);
    }

    /// <summary>A new line fits: the basket is not full, and its lines are priced in one currency, as an order is paid in one.</summary>
    private void EnsureRoomFor(string currency)
    {
        if (Lines.Count >= MaxLines)
        {
            throw new BasketRuleException("sku", $"A basket holds at most {MaxLines} different items.");
        }

        if (Lines.Count > 0 && Lines[0].Currency != currency)
        {
            throw new BasketRuleException("sku", $"This item is priced in {currency} and the basket in {Lines[0].Currency}; a basket is paid in one currency.");
        }
    }

    private int IndexOf(string sku)
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].Sku == sku)
            {
                return i;
            }
        }

        return -1;
    }

    public Basket Remove(string sku, DateTimeOffset now) => Touch(Lines.Where(l => l.Sku != sku).ToList(), now);

    /// <summary>
    /// A guest's lines join this basket on sign-in: what the guest adds is capped by <paramref name="capFor"/> (the
    /// per-line limit and what is in stock), and a guest line the cap leaves at zero is dropped, as is a new line
    /// past <see cref="MaxLines"/> or in another currency. The customer's own
    /// lines never go down: one that is out of stock now stays, shown as such, as it would without a merge.
    /// </summary>
    public Basket MergeFrom(Basket guest, Func<string, int> capFor, DateTimeOffset now)
    {
        var lines = Lines.ToList();
        foreach (var guestLine in guest.Lines)
        {
            var index = lines.FindIndex(l => l.Sku == guestLine.Sku);
            if (index < 0)
            {
                // A new line also keeps the basket within its size and its one currency, as an add would.
                var fits = lines.Count < MaxLines && (lines.Count == 0 || lines[0].Currency == guestLine.Currency);
                var quantity = fits ? Math.Min(guestLine.Quantity, capFor(guestLine.Sku)) : 0;
                if (quantity > 0)
                {
                    lines.Add(guestLine with { Quantity = quantity });
                }
            }
            else
            {
                var existing = lines[index].Quantity;
                lines[index] = lines[index] with { Quantity = Math.Max(existing, Math.Min(existing + guestLine.Quantity, capFor(guestLine.Sku))) };
            }
        }

        return Touch(lines, now);
    }

    public Basket Emptied(DateTimeOffset now) => Touch([], now);

    public Basket MarkAbandonmentNotified(DateTimeOffset now) => this with { AbandonmentNotifiedAt = now };

    /// <summary>Any change makes the basket active again, so a later abandonment is announced again.</summary>
    private Basket Touch(IReadOnlyList<BasketLine> lines, DateTimeOffset now) =>
        this with { Lines = lines, UpdatedAt = now, AbandonmentNotifiedAt = null };
}

/// <summary>A change the basket's rules do not allow; the field names what to change.</summary>
public sealed class BasketRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
