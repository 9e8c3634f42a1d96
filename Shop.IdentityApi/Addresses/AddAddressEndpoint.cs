using FastEndpoints;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Addresses;

/// <summary>Adds an address to the caller's book; the first of its kind becomes the default.</summary>
public sealed class AddAddressEndpoint(IdentityDbContext db, TimeProvider clock) : Endpoint<AddressRequest, AddressResponse>
{
    public override void Configure() => Post("/api/users/me/addresses");

    public override async Task HandleAsync(AddressRequest request, CancellationToken ct)
    {
        var userId = Guid.Parse(User.SubjectId()!);
        Address? address;
        try
        {
            address = await db.ChangeAddressBookAsync(userId, addresses =>
            {
                var added = new AddressBook(userId, addresses).Add(request.ParsedKind, request.Fields, request.IsDefault, clock.GetUtcNow());
                db.Addresses.Add(added);
                return added;
            }, ct);
        }
        catch (AddressBookFullException full)
        {
            AddError(full.Message);
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        if (address is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.CreatedAtAsync<ListAddressesEndpoint>(null, AddressResponse.From(address), cancellation: ct);
    }
}
