using FastEndpoints;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Addresses;

public sealed record DeleteAddressRequest(Guid Id);

/// <summary>Removes one of the caller's addresses; if it was a default, the newest other of its kind takes over.</summary>
public sealed class DeleteAddressEndpoint(IdentityDbContext db) : Endpoint<DeleteAddressRequest>
{
    public override void Configure() => Delete("/api/users/me/addresses/{Id:guid}");

    public override async Task HandleAsync(DeleteAddressRequest request, CancellationToken ct)
    {
        var userId = Guid.Parse(User.SubjectId()!);
        var removed = await db.ChangeAddressBookAsync(userId, addresses =>
        {
            var address = addresses.SingleOrDefault(a => a.Id == request.Id);
            if (address is not null)
            {
                new AddressBook(userId, addresses).Remove(address);
                db.Addresses.Remove(address);
            }

            return address;
        }, ct);
        if (removed is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
