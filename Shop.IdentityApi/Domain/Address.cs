namespace Shop.IdentityApi.Domain;

public enum AddressKind
{
    Shipping,
    Billing,
}

/// <summary>What an address says. Country is an ISO 3166-1 alpha-2 code; region is a state or province.</summary>
public sealed record AddressFields(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

/// <summary>An address in an account's address book.</summary>
public sealed class Address
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid UserId { get; private set; }
    public AddressKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Line1 { get; private set; } = "";
    public string? Line2 { get; private set; }
    public string City { get; private set; } = "";
    public string? Region { get; private set; }
    public string PostalCode { get; private set; } = "";
    public string Country { get; private set; } = "";
    public string? Phone { get; private set; }

    /// <summary>The default of its kind; an address book has at most one per kind (see <see cref="AddressBook"/>).</summary>
    public bool IsDefault { get; internal set; }

    public DateTimeOffset CreatedAt { get; private set; }

    private Address() { }

    internal Address(Guid userId, AddressKind kind, AddressFields fields, DateTimeOffset now)
    {
        UserId = userId;
        CreatedAt = now;
        Set(kind, fields);
    }

    public AddressFields Fields => new(Name, Line1, Line2, City, Region, PostalCode, Country, Phone);

    internal void Set(AddressKind kind, AddressFields fields)
    {
        Kind = kind;
        Name = fields.Name.Trim();
        Line1 = fields.Line1.Trim();
        Line2 = string.IsNullOrWhiteSpace(fields.Line2) ? null : fields.Line2.Trim();
        City = fields.City.Trim();
        Region = string.IsNullOrWhiteSpace(fields.Region) ? null : fields.Region.Trim();
        PostalCode = fields.PostalCode.Trim();
        Country = fields.Country.Trim().ToUpperInvariant();
        Phone = string.IsNullOrWhiteSpace(fields.Phone) ? null : fields.Phone.Trim();
    }
}

/// <summary>An account already has as many addresses as it may.</summary>
public sealed class AddressBookFullException(int max) : Exception($"An address book holds at most {max} addresses.");

/// <summary>
/// One account's addresses and the rules for their defaults: a kind that has addresses has exactly one default. The
/// first address of a kind becomes its default; making another the default takes it from the previous one; when the
/// default goes (removed, unset, or moved to the other kind) the newest other address of that kind takes over.
/// </summary>
public sealed class AddressBook(Guid userId, IReadOnlyList<Address> addresses)
{
    public const int MaxAddresses = 50;

    private readonly List<Address> _addresses = [.. addresses];

    public Address Add(AddressKind kind, AddressFields fields, bool makeDefault, DateTimeOffset now)
    {
        if (_addresses.Count >= MaxAddresses)
        {
            throw new AddressBookFullException(MaxAddresses);
        }

        var address = new Address(userId, kind, fields, now);
        _addresses.Add(address);
        if (makeDefault)
        {
            MakeDefault(address);
        }

        EnsureDefault(kind);
        return address;
    }

    public void Change(Address address, AddressKind kind, AddressFields fields, bool makeDefault)
    {
        var previousKind = address.Kind;
        address.Set(kind, fields);
        if (makeDefault)
        {
            MakeDefault(address);
        }
        else
        {
            address.IsDefault = false;
        }

        EnsureDefault(previousKind, preferNot: address);
        EnsureDefault(kind, preferNot: address);
    }

    public void Remove(Address address)
    {
        _addresses.Remove(address);
        EnsureDefault(address.Kind);
    }

    private void MakeDefault(Address address)
    {
        foreach (var other in _addresses.Where(a => a.Kind == address.Kind))
        {
            other.IsDefault = other == address;
        }
    }

    private void EnsureDefault(AddressKind kind, Address? preferNot = null)
    {
        var ofKind = _addresses.Where(a => a.Kind == kind).ToList();
        if (ofKind.Count > 0 && !ofKind.Any(a => a.IsDefault))
        {
            MakeDefault(ofKind.Where(a => a != preferNot).MaxBy(a => a.CreatedAt) ?? ofKind[0]);
        }
    }
}
