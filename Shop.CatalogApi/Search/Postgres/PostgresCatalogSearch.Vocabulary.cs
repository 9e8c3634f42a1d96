using Npgsql;

namespace Shop.CatalogApi.Search.Postgres;

/// <summary>
/// The vocabulary (<c>search_vocabulary</c>) follows the documents exactly: each write counts a word up for every
/// document that gains it and down for every one that loses it, in the transaction that writes the documents, and a
/// word no document has any more is deleted, so corrections and completions never offer a word that finds nothing
/// (such as the name of a product just unpublished). Several replicas may index at once, the same product too:
/// a document's old words are read under a lock on that document, or the counts would drift.
/// </summary>
public sealed partial class PostgresCatalogSearch
{
    /// <summary>
    /// Taken shared by every document write and alone by the full rebuild: writes run side by side but never while
    /// the rebuild recounts. Every writer takes it before any other lock, so none waits for it holding one.
    /// </summary>
    private const string VocabularyLockKey = "hashtext('search_vocabulary')";

    /// <summary>
    /// The vocabulary's lock, then one lock per document of <c>@ids</c>, in the order of their keys, so two writers of
    /// overlapping batches never wait for each other in a circle (two products sharing a key only take turns).
    /// The two-key form keeps these apart from the single-key advisory locks elsewhere.
    /// </summary>
    private const string LockDocumentsSql = $"""
        SELECT pg_advisory_xact_lock_shared({VocabularyLockKey});
        SELECT count(pg_advisory_xact_lock(hashtext('search_documents'), k.key))
        FROM (SELECT DISTINCT hashtext(id::text) AS key FROM unnest(@ids) AS id ORDER BY key) AS k;
        """;

    /// <summary>
    /// The end of a statement whose CTE <c>word_changes (word, delta)</c> says which words the documents gained (+1
    /// each) and lost (-1 each). The counts change in the order of the words, so concurrent writers sharing words
    /// lock them in the same order; the words left with no document are returned, for
    /// <see cref="CommitWordCountsAsync"/> to delete.
    /// </summary>
    private const string CountWordsSql = """
        counted AS (
            INSERT INTO search_vocabulary (word, document_count)
            SELECT word, sum(delta) FROM word_changes GROUP BY word HAVING sum(delta) <> 0 ORDER BY word
            ON CONFLICT (word) DO UPDATE SET document_count = search_vocabulary.document_count + EXCLUDED.document_count
            RETURNING word, document_count)
        SELECT word FROM counted WHERE document_count <= 0;
        """;

    /// <summary>
    /// Runs <see cref="LockDocumentsSql"/> and a statement ending in <see cref="CountWordsSql"/>, deletes the words
    /// no document has any more (their rows are this transaction's already, so nothing is waited for), and commits.
    /// </summary>
    private static async Task CommitWordCountsAsync(NpgsqlCommand command, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var unused = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            // The two locks' rows first.
            await reader.NextResultAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unused.Add(reader.GetString(0));
            }
        }

        if (unused.Count > 0)
        {
            await using var delete = new NpgsqlCommand(
                "DELETE FROM search_vocabulary WHERE word = ANY(@words) AND document_count <= 0", command.Connection, transaction);
            delete.Parameters.AddWithValue("words", unused.ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
