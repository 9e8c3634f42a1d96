namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// Builds <c>to_tsquery</c> input from words: every word a quoted lexeme (a quoted phrase becomes a phrase query),
/// alternatives for one query word joined with |, query words with &amp;. Words never reach the tsquery syntax
/// unquoted, so a query cannot inject operators.
/// </summary>
public static class TsQueryText
{
    public static string AllOf(IEnumerable<IEnumerable<string>> alternativesPerWord) =>
        string.Join(" & ", alternativesPerWord.Select(alternatives => "(" + string.Join(" | ", alternatives.Distinct().Select(Quote)) + ")"));

    /// <summary>For the names' own words: every word but the last must appear; the last is a prefix of a word there.</summary>
    public static string NamePrefix(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select((word, i) => Quote(word) + (i == words.Count - 1 ? ":*" : "")));

    private static string Quote(string word) => "'" + word.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
