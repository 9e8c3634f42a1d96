using FastEndpoints;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

/// <summary>Staff: rebuild the whole index from the catalog in the background (202 at once).</summary>
public sealed class ReindexEndpoint(SearchIndexer indexer) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/api/search/reindex");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        indexer.RequestReindex();
        await Send.ResultAsync(TypedResults.Accepted((string?)null));
    }
}
