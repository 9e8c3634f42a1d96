using System.ComponentModel.DataAnnotations;

namespace Shop.CatalogApi.Products;

/// <summary>Product listing settings, bound from <c>Products</c>.</summary>
public sealed class ProductListingOptions
{
    public const string Section = "Products";

    /// <summary>
    /// A listing with words or attribute filters, or a staff listing, counts at most this many products; beyond it the
    /// total is reported as a lower bound (<c>totalIsLowerBound</c>). Counting such a listing of a large category
    /// exactly costs every request a pass over hundreds of thousands of products. (Listings by category, brand, price
    /// and availability alone are counted exactly from <see cref="ListingCounts"/>.)
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxCountedProducts { get; set; } = 10_000;

    /// <summary>
    /// A category with fewer products than this passing a listing's brand or price filter has them read whole from
    /// the filter's index and sorted; with more, its order index is walked to the page, which then finds one in
    /// every few entries. Sorting them costs up to this many entries, walking up to page × category size / this.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SparseCategoryMatches { get; set; } = 2_000;
}
