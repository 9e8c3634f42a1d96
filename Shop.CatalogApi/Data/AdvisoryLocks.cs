namespace Shop.CatalogApi.Data;

/// <summary>
/// The catalog's classes of advisory locks (<see cref="ServiceDefaults.TransactionLocks"/>), held until the unit of
/// work's transaction ends: the inbox's, for event handlers.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>One product's search document is written by one replica at a time.</summary>
    public const int ProductIndexing = 7_203;

    /// <summary>A customer's erasure, deliveries and reviews take turns.</summary>
    public const int CustomerErasure = 7_204;

    /// <summary>Picture uploads to one product take turns, for its limit and the pictures' order.</summary>
    public const int ProductImages = 7_205;
}
