using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shop.CatalogApi.Search;

/// <summary>How a shopper's query is read: its words, folded the way the index folds text, and how far each may be corrected.</summary>
public static partial class QueryText
{
    public const int MaxLength = 200;

    /// <summary>Longer queries are cut here; nobody types more, and each word costs a vocabulary lookup.</summary>
    public const int MaxWords = 10;

    /// <summary>
    /// The query's words: lower case, accents removed (as PostgreSQL's unaccent does for the documents), hyphenated
    /// words kept whole ("t-shirt"), each word once, in order.
    /// </summary>
    public static IReadOnlyList<string> Words(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        return WordPattern().Matches(Fold(query)).Select(m => m.Value).Distinct().Take(MaxWords).ToList();
    }

    /// <summary>
    /// Typo tolerance: words of 8 letters or more may be 2 edits off, 4 to 7 letters 1 edit, shorter words must be
    /// exact (a 3-letter word is 1 edit from too many others).
    /// </summary>
    public static int AllowedEdits(string word) => word.Length switch
    {
        < 4 => 0,
        < 8 => 1,
        _ => 2,
    };

    /// <summary>The query as it is recorded among zero-result queries: folded, single spaces.</summary>
    public static string Normalise(string query) => string.Join(' ', Words(query));

    /// <summary>Lower case without accents: "Crème Brûlée" → "creme brulee", "Straße" → "strasse".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Letters that unaccent spells out rather than strips.
            folded.Append(c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' => "d",
                'ł' => "l",
                'þ' => "th",
                _ => c.ToString(),
            });
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
