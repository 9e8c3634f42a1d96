namespace Shop.OrderingApi.Domain;

/// <summary>Where an order goes. Country is an ISO 3166-1 alpha-2 code; region is a state or province code.</summary>
public sealed record Address(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country,
    string? Region,
    string? Phone)
{
    /// <summary>What is left of an address once its owner's personal data is erased.</summary>
    public Address Anonymized() => new("(erased)", "(erased)", null, City, PostalCode, Country, Region, null);
}
