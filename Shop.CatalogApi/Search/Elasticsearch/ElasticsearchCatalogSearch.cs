using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Options;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Shop.CatalogApi.Search.Elasticsearch;

/// <summary>Where the Elasticsearch engine keeps its documents.</summary>
public sealed class ElasticsearchSettings
{
    public const string ConnectionName = "search";

    public string IndexName { get; set; } = "products";
}

/// <summary>
/// Search on Elasticsearch, used when the AppHost provides a <c>search</c> connection string (containers or an
/// existing cluster). Requests go through the official client's transport (connection pooling, retries, tracing)
/// with bodies from <see cref="ElasticsearchQueries"/>. The index is created with its mapping on first use.
/// </summary>
public sealed class ElasticsearchCatalogSearch(
    ElasticsearchClient client, IOptions<ElasticsearchSettings> settings, IOptions<SearchOptions> options, TimeProvider clock) : ICatalogSearch
{
    private readonly SemaphoreSlim _indexCreation = new(1, 1);
    private bool _indexExists;
    private bool _documentsLackAttributes;

    private string Index => settings.Value.IndexName;

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        var bounds = options.Value.PriceRangeBounds;
        using var response = await SendAsync(HttpMethod.POST, $"/{Index}/_search", ElasticsearchQueries.Search(query, bounds), cancellationToken);
        var root = response.RootElement;
        var hits = root.GetProperty("hits").GetProperty("hits").EnumerateArray().Select(hit => Hit(hit.GetProperty("_source"))).ToList();
        var total = root.GetProperty("hits").GetProperty("total").GetProperty("value").GetInt64();
        var aggregations = root.GetProperty("aggregations");
        var facets = new SearchFacets(
            Labelled(aggregations.GetProperty("categories")),
            Labelled(aggregations.GetProperty("brands")),
            aggregations.GetProperty("prices").GetProperty("values").GetProperty("buckets").EnumerateArray()
                .Where(b => b.GetProperty("doc_count").GetInt64() > 0)
                .Select(b => new PriceRangeFacet(
                    b.TryGetProperty("from", out var from) ? (long)from.GetDouble() : 0,
                    b.TryGetProperty("to", out var to) ? (long)to.GetDouble() : null,
                    b.GetProperty("doc_count").GetInt64()))
                .ToList(),
            SearchAttributes.Facets(AttributeCounts(aggregations, query), query.AttributeFilters));
        return new SearchResult(hits, total, facets);
    }

    public async Task<Suggestions> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var words = QueryText.Words(prefix);
        if (words.Count == 0)
        {
            return new Suggestions([], []);
        }

        await EnsureIndexAsync(cancellationToken);
        using var response = await SendAsync(HttpMethod.POST, $"/{Index}/_search", ElasticsearchQueries.Suggest(words, limit), cancellationToken);
        var root = response.RootElement;
        var typed = string.Join(' ', words.SkipLast(1));
        var completions = root.GetProperty("aggregations").GetProperty("words").GetProperty("buckets").EnumerateArray()
            .Select(b => b.GetProperty("key").GetString()!)
            .Select(w => typed.Length == 0 ? w : $"{typed} {w}")
            .ToList();
        var products = root.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(h => h.GetProperty("_source"))
            .Select(s => new ProductSuggestion(Guid.Parse(s.GetProperty("product_id").GetString()!), s.GetProperty("name").GetString()!, s.GetProperty("slug").GetString()!))
            .ToList();
        return new Suggestions(completions, products);
    }

    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await EnsureIndexAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var bulk = new StringBuilder();
        foreach (var document in documents)
        {
            bulk.Append(new JsonObject { ["index"] = new JsonObject { ["_index"] = Index, ["_id"] = document.ProductId.ToString() } }.ToJsonString()).Append('\n');
            bulk.Append(ElasticsearchQueries.Document(document, now).ToJsonString()).Append('\n');
        }

        var response = await client.Transport.RequestAsync<StringResponse>(
            HttpMethod.POST, "/_bulk", PostData.String(bulk.ToString()), cancellationToken);
        using var result = Parse(response);
        if (result.RootElement.GetProperty("errors").GetBoolean())
        {
            throw new InvalidOperationException($"Elasticsearch refused some documents: {response.Body}");
        }
    }

    public async Task RemoveAsync(Guid productId, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        var response = await client.Transport.RequestAsync<StringResponse>(HttpMethod.DELETE, $"/{Index}/_doc/{productId}", cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode is not (200 or 404))
        {
            throw Failed(response);
        }
    }

    public async Task RemoveIndexedBeforeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        using var _ = await SendAsync(HttpMethod.POST, $"/{Index}/_delete_by_query", ElasticsearchQueries.RemoveIndexedBefore(since), cancellationToken);
    }

    public async Task<bool> NeedsFullIndexAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        if (_documentsLackAttributes)
        {
            return true;
        }

        using var response = Parse(await client.Transport.RequestAsync<StringResponse>(HttpMethod.GET, $"/{Index}/_count", cancellationToken));
        return response.RootElement.GetProperty("count").GetInt64() == 0;
    }

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_indexExists)
        {
            return;
        }

        await _indexCreation.WaitAsync(cancellationToken);
        try
        {
            var head = await client.Transport.RequestAsync<VoidResponse>(HttpMethod.HEAD, $"/{Index}", cancellationToken);
            if (head.ApiCallDetails.HttpStatusCode == 404)
            {
                var created = await client.Transport.RequestAsync<StringResponse>(
                    HttpMethod.PUT, $"/{Index}", PostData.String(ElasticsearchQueries.IndexDefinition().ToJsonString()), cancellationToken);
                // Another replica may have created it a moment earlier.
                if (!created.ApiCallDetails.HasSuccessfulStatusCode && !created.Body.Contains("resource_already_exists_exception", StringComparison.Ordinal))
                {
                    throw Failed(created);
                }
            }
            else
            {
                await AddAttributesMappingAsync(cancellationToken);
            }

            _indexExists = true;
        }
        finally
        {
            _indexCreation.Release();
        }
    }

    /// <summary>
    /// An index made before documents had attributes gets their mapping (adding a field is allowed on a live index),
    /// and its documents are rewritten by a full index at start.
    /// </summary>
    private async Task AddAttributesMappingAsync(CancellationToken cancellationToken)
    {
        using var mapping = Parse(await client.Transport.RequestAsync<StringResponse>(HttpMethod.GET, $"/{Index}/_mapping", cancellationToken));
        var hasAttributes = mapping.RootElement.EnumerateObject()
            .Any(index => index.Value.GetProperty("mappings").TryGetProperty("properties", out var properties) && properties.TryGetProperty("attributes", out _));
        if (!hasAttributes)
        {
            using var _ = await SendAsync(HttpMethod.PUT, $"/{Index}/_mapping",
                new JsonObject { ["properties"] = new JsonObject { ["attributes"] = ElasticsearchQueries.AttributesMapping() } }, cancellationToken);
            _documentsLackAttributes = true;
        }
    }

    /// <summary>(name, key, shown value, count) from the attribute aggregations: a filtered attribute's from its own.</summary>
    private static IEnumerable<(string Name, string Key, string Value, long Count)> AttributeCounts(JsonElement aggregations, SearchQuery query)
    {
        var filtered = query.AttributeFilters.Select(f => f.Name).ToHashSet();
        foreach (var name in aggregations.GetProperty("attributes").GetProperty("values").GetProperty("names").GetProperty("buckets").EnumerateArray())
        {
            var (slug, _) = SplitLabel(name.GetProperty("key").GetString()!);
            if (!filtered.Contains(slug))
            {
                foreach (var value in Values(name))
                {
                    yield return (slug, value.Key, value.Value, value.Count);
                }
            }
        }

        for (var i = 0; i < query.AttributeFilters.Count; i++)
        {
            var only = aggregations.GetProperty(ElasticsearchQueries.AttributeAggregation(i)).GetProperty("values").GetProperty("only");
            foreach (var value in Values(only))
            {
                yield return (query.AttributeFilters[i].Name, value.Key, value.Value, value.Count);
            }
        }

        static IEnumerable<(string Key, string Value, long Count)> Values(JsonElement bucket) =>
            bucket.GetProperty("values").GetProperty("buckets").EnumerateArray()
                .Select(b => (label: SplitLabel(b.GetProperty("key").GetString()!), count: b.GetProperty("doc_count").GetInt64()))
                .Select(b => (b.label.Slug, b.label.Name, b.count));
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken) =>
        Parse(await client.Transport.RequestAsync<StringResponse>(method, path, PostData.String(body.ToJsonString()), cancellationToken));

    private static JsonDocument Parse(StringResponse response) =>
        response.ApiCallDetails.HasSuccessfulStatusCode ? JsonDocument.Parse(response.Body) : throw Failed(response);

    private static InvalidOperationException Failed(StringResponse response) =>
        new($"Elasticsearch answered {response.ApiCallDetails.HttpStatusCode}: {response.Body}");

    private static SearchHit Hit(JsonElement source)
    {
        var (brandSlug, brand) = SplitLabel(source.GetProperty("brand_label").GetString()!);
        // A document indexed without a category (none should be) still shows, under no category.
        var (categorySlug, category) = source.GetProperty("category_labels").EnumerateArray().LastOrDefault() is { ValueKind: JsonValueKind.String } label
            ? SplitLabel(label.GetString()!)
            : ("", "");
        return new SearchHit(
            Guid.Parse(source.GetProperty("product_id").GetString()!), source.GetProperty("slug").GetString()!,
            source.GetProperty("name").GetString()!, brand, brandSlug, category, categorySlug,
            source.GetProperty("price").GetInt64(), source.GetProperty("currency").GetString()!,
            source.GetProperty("in_stock").GetBoolean(),
            source.TryGetProperty("rating", out var rating) && rating.ValueKind == JsonValueKind.Number ? rating.GetDouble() : null);
    }

    private static List<FacetValue> Labelled(JsonElement facet) =>
        facet.GetProperty("values").GetProperty("buckets").EnumerateArray()
            .Select(b => (label: SplitLabel(b.GetProperty("key").GetString()!), count: b.GetProperty("doc_count").GetInt64()))
            .Select(b => new FacetValue(b.label.Slug, b.label.Name, b.count))
            .ToList();

    private static (string Slug, string Name) SplitLabel(string label)
    {
        var separator = label.IndexOf(ElasticsearchQueries.LabelSeparator);
        return separator < 0 ? (label, label) : (label[..separator], label[(separator + 1)..]);
    }
}
