using System.Text.Json;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>A search's answer as <c>search_common_answers</c> keeps it: the result as given, in JSON.</summary>
public static class StoredAnswer
{
    public static byte[] Write(SearchResult result) => JsonSerializer.SerializeToUtf8Bytes(result);

    public static SearchResult Read(byte[] stored) =>
        JsonSerializer.Deserialize<SearchResult>(stored) ?? throw new InvalidDataException("A stored answer is empty.");
}
