using FastEndpoints;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

public sealed record SynonymsResponse(IReadOnlyList<IReadOnlyList<string>> Groups);

/// <summary>Staff: the synonym groups search applies.</summary>
public sealed class GetSynonymsEndpoint(SynonymSet synonyms) : EndpointWithoutRequest<SynonymsResponse>
{
    public override void Configure()
    {
        Get("/api/search/synonyms");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(new SynonymsResponse(await synonyms.GroupsAsync(ct)), ct);
}
