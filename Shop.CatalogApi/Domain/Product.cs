namespace Shop.CatalogApi.Domain;

/// <summary>Something the store sells. Drafts are invisible to shoppers until published.</summary>
public sealed class Product
{
    public const int MaxNameLength = 200;
    public const int MaxSlugLength = 220;
    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";
    /// <summary>
    /// Never null while the product is not deleted (the database holds that too). A deleted product lets go of its
    /// category and brand when staff delete them, so it can never come back into a category that is gone.
    /// </summary>
    public int? CategoryId { get; private set; }

    /// <inheritdoc cref="CategoryId"/>
    public int? BrandId { get; private set; }
    public Money Price { get; private set; } = null!;

    /// <summary>The "was" price shown struck through, in the price's currency; always above the price.</summary>
    public long? CompareAtPrice { get; private set; }

    public bool IsPublished { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Counts staff edits of the details. An edit made from an older revision is refused, so one person's save never
    /// silently undoes another's; the database checks it again as the row is written (a concurrency token).
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>Set when staff delete the product: it leaves the store, but reviews and stock history keep their subject.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>How many published reviews the product has and their ratings' sum, kept with every review change.</summary>
    public int RatingCount { get; private set; }

    public long RatingSum { get; private set; }

    /// <summary>
    /// Whether any variant can be bought (on hand above reserved). Kept by the database from the SKUs, in the same
    /// transaction as every stock change whichever way it is made (see the ProductInStock migration), so listings
    /// filter and count on it from an index instead of probing every product's SKUs.
    /// </summary>
    public bool InStock { get; private set; }

    /// <summary>The product's category; only a deleted product may be without one (see <see cref="CategoryId"/>).</summary>
    public Category Category { get; private set; } = null!;

    /// <summary>The product's brand; only a deleted product may be without one (see <see cref="BrandId"/>).</summary>
    public Brand Brand { get; private set; } = null!;
    public List<Sku> Skus { get; private set; } = [];
    public List<ProductAttribute> Attributes { get; private set; } = [];
    public List<ProductImage> Images { get; private set; } = [];

    private Product() { }

    public Product(string name, string slug, string description, Category category, Brand brand, Money price, long? compareAtPrice = null)
    {
        Category = category;
        Brand = brand;
        SetDetails(name, slug, description, price, compareAtPrice);
    }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>A slug is lower-case words of letters and digits joined by single dashes: "merino-crew-t-shirt".</summary>
    public static bool IsValidSlug(string slug) =>
        slug.Length is > 0 and <= MaxSlugLength
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);

    public void Update(string name, string slug, string description, Category category, Brand brand, Money price, long? compareAtPrice, DateTimeOffset now)
    {
        EnsureNotDeleted();
        Category = category;
        Brand = brand;
        SetDetails(name, slug, description, price, compareAtPrice);
        // Variants without a price of their own follow the product's.
        foreach (var sku in Skus.Where(s => !s.HasOwnPrice))
        {
            sku.FollowProductPrice(price);
        }

        UpdatedAt = now;
        Revision++;
    }

    /// <summary>Replaces the attributes: same-named ones take their new value, missing ones go, new ones come.</summary>
    public void SetAttributes(IReadOnlyCollection<ProductAttribute> wanted)
    {
        if (wanted.Select(a => a.Name).Distinct().Count() != wanted.Count)
        {
            throw new ArgumentException("Each attribute is given once.", nameof(wanted));
        }

        Attributes.RemoveAll(a => wanted.All(w => w.Name != a.Name));
        foreach (var attribute in wanted)
        {
            var existing = Attributes.FirstOrDefault(a => a.Name == attribute.Name);
            if (existing is null)
            {
                Attributes.Add(attribute);
            }
            else
            {
                existing.TakeValueOf(attribute);
            }
        }
    }

    public Sku AddSku(string code, Dictionary<string, string> options, Money? ownPrice, long? compareAtPrice, int onHand, int weightGrams)
    {
        EnsureNotDeleted();
        if (ownPrice is not null && ownPrice.Currency != Price.Currency)
        {
            throw new ArgumentException("A variant's price is in its product's currency.", nameof(ownPrice));
        }

        var sku = new Sku(code, Id, options, ownPrice ?? Price, compareAtPrice, onHand, weightGrams, hasOwnPrice: ownPrice is not null);
        Skus.Add(sku);
        return sku;
    }

    public void Publish() => IsPublished = true;

    public void Unpublish() => IsPublished = false;

    /// <summary>Soft delete: orders keep their own copies of what was bought, and reviews and stock history stay.</summary>
    public void Delete(DateTimeOffset now)
    {
        IsPublished = false;
        DeletedAt ??= now;
        UpdatedAt = now;
    }

    private void SetDetails(string name, string slug, string description, Money price, long? compareAtPrice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);

        if (compareAtPrice is { } wasPrice && wasPrice <= price.Amount)
        {
            throw new ArgumentException("A compare-at price is above the price.", nameof(compareAtPrice));
        }

        Name = name.Trim();
        Slug = slug;
        Description = description.Trim();
        Price = price;
        CompareAtPrice = compareAtPrice;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new InvalidOperationException("A deleted product cannot change.");
        }
    }
}
