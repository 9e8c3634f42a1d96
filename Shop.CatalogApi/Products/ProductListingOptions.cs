using System.ComponentModel.DataAnnotations;

namespace Shop.CatalogApi.Products;

/// <summary>Product listing settings, bound from <c>Products</c>.</summary>
public sealed class ProductListingOptions
{
    public const string Section = "Products";

    /// <summary>
    /// A listing counts at most this many products; beyond it the total is reported as a lower bound
    /// (<c>totalIsLowerBound</c>). Counting a large category exactly (with its availability) costs every request a
    /// pass over hundreds of thousands of products.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxCountedProducts { get; set; } = 10_000;
}
