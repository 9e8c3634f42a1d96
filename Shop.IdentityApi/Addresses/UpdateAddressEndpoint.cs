using FastEndpoints;
using Shop.IdentityApi.Data;
using Shop.IdentityApi.Domain;
using Shop.ServiceDefaults;

namespace Shop.IdentityApi.Addresses;

public sealed record UpdateAddressRequest : AddressRequest
{
    public Guid Id { get; init; }
}

public sealed class UpdateAddressValidator : Validator<UpdateAddressRequest>
{
    public UpdateAddressValidator() => Include(new AddressRules());
}

/// <summary>Replaces one of the caller's addresses; another account's address id is not found.</summary>
public sealed class UpdateAddressEndpoint(IdentityDbContext db) : Endpoint<UpdateAddressRequest, AddressResponse>
{
    public override void Configure() => Put("/api/users/me/addresses/{Id:guid}");

    public override async Task HandleAsync(UpdateAddressRequest request, CancellationToken ct)
    {
        var userId = Guid.Parse(User.SubjectId()!);
        var address = await db.ChangeAddressBookAsync(userId, addresses =>
        {
            var changed = addresses.SingleOrDefault(a => a.Id == request.Id);
            if (changed is not null)
            {
                new AddressBook(userId, addresses).Change(changed, request.ParsedKind, request.Fields, request.IsDefault);
            }

            return changed;
        }, ct);
        if (address is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }

        await Send.OkAsync(AddressResponse.From(address), ct);
    }
}
