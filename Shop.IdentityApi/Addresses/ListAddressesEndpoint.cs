using FastEndpoints;
using Shop.IdentityApi.Data;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Addresses;

/// <summary>The caller's address book (at most <see cref="Domain.AddressBook.MaxAddresses"/>, so not paged).</summary>
public sealed class ListAddressesEndpoint(IdentityDbContext db) : EndpointWithoutRequest<IReadOnlyList<AddressResponse>>
{
    public override void Configure() => Get("/api/users/me/addresses");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var addresses = await db.AddressesOfAsync(Guid.Parse(User.SubjectId()!), ct);
        await Send.OkAsync(addresses.Select(AddressResponse.From).ToList(), ct);
    }
}
