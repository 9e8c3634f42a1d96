namespace Shop.CatalogApi.Domain;

/// <summary>Something the store sells. Drafts are invisible to shoppers until published.</summary>
public sealed class Product
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int CategoryId { get; private set; }
    public int BrandId { get; private set; }
    public Money Price { get; private set; } = null!;
    public bool IsPublished { get; private set; }

    /// <summary>Set when staff delete the product: it leaves the store, but reviews and stock history keep their subject.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>How many published reviews the product has and their ratings' sum, kept with every review change.</summary>
    public int RatingCount { get; private set; }

    public long RatingSum { get; private set; }

    public double? AverageRating => RatingCount == 0 ? null : Math.Round((double)RatingSum / RatingCount, 2);

    public Category Category { get; private set; } = null!;
    public Brand Brand { get; private set; } = null!;
    public List<Sku> Skus { get; private set; } = [];

    private Product() { }

    public Product(string name, string slug, string description, Category category, Brand brand, Money price)
    {
        Name = name;
        Slug = slug;
        Description = description;
        Category = category;
        Brand = brand;
        Price = price;
    }

    public void Publish() => IsPublished = true;
}
