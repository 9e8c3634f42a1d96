using FastEndpoints;
using Microsoft.EntityFrameworkCore;
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
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        var book = new AddressBook(userId, await db.AddressesOfAsync(userId, ct));
        Address address;
        try
        {
            address = book.Add(request.ParsedKind, request.Fields, request.IsDefault, clock.GetUtcNow());
        }
        catch (AddressBookFullException full)
        {
            AddError(full.Message);
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        db.Addresses.Add(address);
        await db.SaveChangesAsync(ct);
        await Send.CreatedAtAsync<ListAddressesEndpoint>(null, AddressResponse.From(address), cancellation: ct);
    }
}
