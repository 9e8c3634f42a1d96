using System.Text.Json.Nodes;

namespace Shop.CatalogApi.Search.Elasticsearch;

/// <summary>
/// The Elasticsearch index's mapping and the request bodies the engine sends, built as JSON so they can be checked
/// without a cluster. The rules match the PostgreSQL engine's: words folded (lower case, accents removed), typo
/// tolerance by word length (AUTO:4,8 is 0 edits below 4 letters, 1 up to 7, 2 from 8), words as typed ranking
/// above corrections, and each facet counted with every filter but its own.
/// </summary>
public static class ElasticsearchQueries
{
    /// <summary>Separates a facet value's slug from its label in one keyword, so a terms aggregation returns both.</summary>
    public const char LabelSeparator = '\u001f';

    /// <summary>A match on the words as typed adds this much to a score, more than any fuzzy match scores.</summary>
    public const double ExactBoost = 1000;

    private const string Fuzziness = "AUTO:4,8";
    private static readonly string[] TextFields = ["name^3", "brand^2", "category_names^2", "description"];

    public static JsonObject IndexDefinition() => new()
    {
        ["settings"] = new JsonObject
        {
            ["analysis"] = new JsonObject
            {
                ["analyzer"] = new JsonObject
                {
                    ["folding"] = new JsonObject
                    {
                        ["type"] = "custom",
                        ["tokenizer"] = "standard",
                        ["filter"] = new JsonArray("lowercase", "asciifolding"),
                    },
                },
            },
        },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                ["product_id"] = Keyword(),
                ["slug"] = Keyword(),
                ["name"] = new JsonObject
                {
                    ["type"] = "text",
                    ["analyzer"] = "folding",
                    ["copy_to"] = "name_words",
                    ["fields"] = new JsonObject { ["prefix"] = new JsonObject { ["type"] = "search_as_you_type", ["analyzer"] = "folding" } },
                },
                // The names' words, aggregated for word completions (names are short, so their field data is small).
                ["name_words"] = new JsonObject { ["type"] = "text", ["analyzer"] = "folding", ["fielddata"] = true },
                ["brand"] = Text(),
                ["brand_slug"] = Keyword(),
                ["brand_label"] = Keyword(),
                ["category_slugs"] = Keyword(),
                ["category_labels"] = Keyword(),
                ["category_names"] = Text(),
                ["description"] = Text(),
                ["price"] = new JsonObject { ["type"] = "long" },
                ["currency"] = Keyword(),
                ["in_stock"] = new JsonObject { ["type"] = "boolean" },
                ["rating"] = new JsonObject { ["type"] = "float" },
                ["created_at"] = new JsonObject { ["type"] = "date" },
                ["indexed_at"] = new JsonObject { ["type"] = "date" },
                ["attributes"] = AttributesMapping(),
            },
        },
    };

    /// <summary>
    /// Attributes as nested documents, so a facet counts each attribute's own values (one per product) and a filter
    /// matches name and value of the same attribute. <c>key</c> is what filters compare; the labels carry what is shown.
    /// </summary>
    public static JsonObject AttributesMapping() => new()
    {
        ["type"] = "nested",
        ["properties"] = new JsonObject
        {
            ["name"] = Keyword(),
            ["name_label"] = Keyword(),
            ["key"] = Keyword(),
            ["value_label"] = Keyword(),
            ["number"] = new JsonObject { ["type"] = "double" },
        },
    };

    public static JsonObject Document(SearchDocument document, DateTimeOffset indexedAt) => new()
    {
        ["product_id"] = document.ProductId.ToString(),
        ["slug"] = document.Slug,
        ["name"] = document.Name,
        ["brand"] = document.Brand,
        ["brand_slug"] = document.BrandSlug,
        ["brand_label"] = Label(document.BrandSlug, document.Brand),
        ["category_slugs"] = new JsonArray(document.CategoryPath.Select(c => (JsonNode)c.Slug).ToArray()),
        ["category_labels"] = new JsonArray(document.CategoryPath.Select(c => (JsonNode)Label(c.Slug, c.Name)).ToArray()),
        ["category_names"] = new JsonArray(document.CategoryPath.Select(c => (JsonNode)c.Name).ToArray()),
        ["description"] = document.Description,
        ["price"] = document.Price,
        ["currency"] = document.Currency,
        ["in_stock"] = document.InStock,
        ["rating"] = document.Rating,
        ["created_at"] = document.CreatedAt,
        ["indexed_at"] = indexedAt,
        ["attributes"] = new JsonArray(document.Attributes.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["name_label"] = Label(a.Name, a.Label),
            ["key"] = a.Key,
            ["value_label"] = Label(a.Key, a.Value),
            ["number"] = a.Number is { } number ? (double)number : null,
        }).ToArray()),
    };

    public static JsonObject Search(SearchQuery query, IReadOnlyList<long> priceBounds)
    {
        var category = query.Category is null ? null : Term("category_slugs", query.Category);
        var brand = query.Brands.Count == 0
            ? null
            : new JsonObject { ["terms"] = new JsonObject { ["brand_slug"] = new JsonArray(query.Brands.Select(b => (JsonNode)b).ToArray()) } };
        var price = PriceFilter(query.MinPrice, query.MaxPrice);
        var attributes = query.AttributeFilters.Select(AttributeFilter).ToList();
        JsonObject[] OtherAttributes(int except) => attributes.Where((_, i) => i != except).ToArray();

        var aggregations = new JsonObject
        {
            ["categories"] = Facet(AllOf([brand, price, .. attributes]), new JsonObject { ["terms"] = new JsonObject { ["field"] = "category_labels", ["size"] = 50 } }),
            ["brands"] = Facet(AllOf([category, price, .. attributes]), new JsonObject { ["terms"] = new JsonObject { ["field"] = "brand_label", ["size"] = 50 } }),
            ["prices"] = Facet(AllOf([category, brand, .. attributes]), new JsonObject
            {
                ["range"] = new JsonObject { ["field"] = "price", ["ranges"] = PriceRanges(priceBounds) },
            }),
            // The attributes nobody filters on, with every filter applied ...
            ["attributes"] = Facet(AllOf([category, brand, price, .. attributes]), Nested(new JsonObject
            {
                ["names"] = new JsonObject
                {
                    ["terms"] = new JsonObject { ["field"] = "attributes.name_label", ["size"] = SearchAttributes.MaxFacetAttributes + attributes.Count },
                    ["aggs"] = new JsonObject { ["values"] = AttributeValues() },
                },
            })),
        };
        // ... and each filtered attribute with every filter but its own.
        for (var i = 0; i < attributes.Count; i++)
        {
            aggregations[AttributeAggregation(i)] = Facet(AllOf([category, brand, price, .. OtherAttributes(i)]), Nested(new JsonObject
            {
                ["only"] = new JsonObject
                {
                    ["filter"] = Term("attributes.name", query.AttributeFilters[i].Name),
                    ["aggs"] = new JsonObject { ["values"] = AttributeValues() },
                },
            }));
        }

        var body = new JsonObject
        {
            ["from"] = query.Skip,
            ["size"] = query.PageSize,
            ["track_total_hits"] = true,
            ["_source"] = new JsonArray("product_id", "slug", "name", "brand", "brand_label", "category_labels", "price", "currency", "in_stock", "rating"),
            ["query"] = TextQuery(query),
            ["post_filter"] = AllOf([category, brand, price, .. attributes]),
            ["aggs"] = aggregations,
            ["sort"] = Sort(query),
        };
        return body;
    }

    public static JsonObject Suggest(IReadOnlyList<string> words, int limit) => new()
    {
        ["size"] = limit,
        ["_source"] = new JsonArray("product_id", "name", "slug"),
        ["query"] = new JsonObject
        {
            ["multi_match"] = new JsonObject
            {
                ["query"] = string.Join(' ', words),
                ["type"] = "bool_prefix",
                ["operator"] = "and",
                ["fields"] = new JsonArray("name.prefix", "name.prefix._2gram", "name.prefix._3gram"),
            },
        },
        ["aggs"] = new JsonObject
        {
            ["words"] = new JsonObject
            {
                ["terms"] = new JsonObject
                {
                    ["field"] = "name_words",
                    ["include"] = System.Text.RegularExpressions.Regex.Replace(words[^1], @"[^\p{L}\p{N}]", m => "\\" + m.Value) + ".*",
                    ["size"] = limit,
                },
            },
        },
    };

    public static JsonObject RemoveIndexedBefore(DateTimeOffset since) => new()
    {
        ["query"] = new JsonObject { ["range"] = new JsonObject { ["indexed_at"] = new JsonObject { ["lt"] = since } } },
    };

    public static string Label(string slug, string name) => slug + LabelSeparator + name;

    /// <summary>The aggregation that counts the values of the query's <paramref name="index"/>th attribute filter.</summary>
    public static string AttributeAggregation(int index) => $"attribute_{index}";

    /// <summary>One of the values, or a number in one of the ranges, of the same attribute.</summary>
    private static JsonObject AttributeFilter(AttributeCondition condition)
    {
        var alternatives = new JsonArray();
        if (condition.Keys.Count > 0)
        {
            alternatives.Add(new JsonObject { ["terms"] = new JsonObject { ["attributes.key"] = new JsonArray(condition.Keys.Select(k => (JsonNode)k).ToArray()) } });
        }

        foreach (var range in condition.Ranges)
        {
            var bounds = new JsonObject();
            if (range.Min is { } min)
            {
                bounds["gte"] = min;
            }

            if (range.Max is { } max)
            {
                bounds["lte"] = max;
            }

            alternatives.Add(new JsonObject { ["range"] = new JsonObject { ["attributes.number"] = bounds } });
        }

        return new JsonObject
        {
            ["nested"] = new JsonObject
            {
                ["path"] = "attributes",
                ["query"] = new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["filter"] = new JsonArray(Term("attributes.name", condition.Name)),
                        ["should"] = alternatives,
                        ["minimum_should_match"] = 1,
                    },
                },
            },
        };
    }

    private static JsonObject Nested(JsonObject aggregations) =>
        new() { ["nested"] = new JsonObject { ["path"] = "attributes" }, ["aggs"] = aggregations };

    private static JsonObject AttributeValues() =>
        new() { ["terms"] = new JsonObject { ["field"] = "attributes.value_label", ["size"] = SearchAttributes.MaxFacetValues } };

    /// <summary>
    /// Every query word (or a synonym of it) must match, fuzzily; a second clause over the same words without
    /// fuzziness lifts exact matches above every corrected one. The in-stock filter applies to facets too.
    /// </summary>
    private static JsonObject TextQuery(SearchQuery query)
    {
        var stock = query.InStockOnly ? new JsonArray(Term("in_stock", true)) : new JsonArray();
        if (query.Terms.Count == 0)
        {
            return new JsonObject { ["bool"] = new JsonObject { ["must"] = new JsonObject { ["match_all"] = new JsonObject() }, ["filter"] = stock } };
        }

        JsonArray Words(bool fuzzy) => new(query.Terms.Select(term => (JsonNode)new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(Alternatives(query, term).Select(alternative => (JsonNode)MultiMatch(alternative, fuzzy)).ToArray()),
                ["minimum_should_match"] = 1,
            },
        }).ToArray());

        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = Words(fuzzy: true),
                ["should"] = new JsonArray(new JsonObject { ["bool"] = new JsonObject { ["must"] = Words(fuzzy: false), ["boost"] = ExactBoost } }),
                ["filter"] = stock,
            },
        };
    }

    private static IEnumerable<string> Alternatives(SearchQuery query, string term) =>
        query.Synonyms.TryGetValue(term, out var synonyms) ? [term, .. synonyms] : [term];

    private static JsonObject MultiMatch(string text, bool fuzzy)
    {
        var match = new JsonObject
        {
            ["query"] = text,
            ["fields"] = new JsonArray(TextFields.Select(f => (JsonNode)f).ToArray()),
            ["operator"] = "and",
        };
        if (fuzzy)
        {
            match["fuzziness"] = Fuzziness;
        }

        return new JsonObject { ["multi_match"] = match };
    }

    private static JsonArray Sort(SearchQuery query) => query.Sort switch
    {
        SearchSort.PriceAscending => [Order("price", "asc"), Order("product_id", "asc")],
        SearchSort.PriceDescending => [Order("price", "desc"), Order("product_id", "asc")],
        SearchSort.Rating => [Order("rating", "desc"), Order("product_id", "asc")],
        SearchSort.Newest => [Order("created_at", "desc"), Order("product_id", "asc")],
        _ when query.Terms.Count == 0 => [Order("created_at", "desc"), Order("product_id", "asc")],
        _ => [Order("_score", "desc"), Order("product_id", "asc")],
    };

    private static JsonObject Order(string field, string direction)
    {
        var order = new JsonObject { ["order"] = direction };
        if (field != "_score")
        {
            order["missing"] = "_last";
        }

        return new JsonObject { [field] = order };
    }

    private static JsonObject? PriceFilter(long? min, long? max)
    {
        if (min is null && max is null)
        {
            return null;
        }

        var range = new JsonObject();
        if (min is { } from)
        {
            range["gte"] = from;
        }

        if (max is { } to)
        {
            range["lte"] = to;
        }

        return new JsonObject { ["range"] = new JsonObject { ["price"] = range } };
    }

    private static JsonArray PriceRanges(IReadOnlyList<long> bounds)
    {
        var ranges = new JsonArray(new JsonObject { ["key"] = "0", ["to"] = bounds[0] });
        for (var i = 0; i < bounds.Count; i++)
        {
            var range = new JsonObject { ["key"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["from"] = bounds[i] };
            if (i + 1 < bounds.Count)
            {
                range["to"] = bounds[i + 1];
            }

            ranges.Add(range);
        }

        return ranges;
    }

    private static JsonObject Facet(JsonObject filter, JsonObject aggregation) =>
        new() { ["filter"] = filter, ["aggs"] = new JsonObject { ["values"] = aggregation } };

    private static JsonObject AllOf(IEnumerable<JsonObject?> filters) =>
        new() { ["bool"] = new JsonObject { ["filter"] = new JsonArray(filters.OfType<JsonObject>().Select(f => (JsonNode)f.DeepClone()).ToArray()) } };

    private static JsonObject Term(string field, JsonNode value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Text() => new() { ["type"] = "text", ["analyzer"] = "folding" };
}
