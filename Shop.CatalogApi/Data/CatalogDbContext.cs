using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.CatalogApi.Domain;
using Shop.CatalogApi.Stock;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Messaging.Outbox;

namespace Shop.CatalogApi.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    /// <summary>The AppHost's name for this database's connection string.</summary>
    public const string ConnectionName = "catalogdb";

    public DbSet<Product> Products => Set<Product>();
    /// <summary>The unique expression index on a category's parent (0 for departments) and lower-cased name.</summary>
    public const string CategoryNameIndex = "IX_Categories_ParentId_LowerName";

    /// <summary>The unique expression index on a brand's lower-cased name.</summary>
    public const string BrandNameIndex = "IX_Brands_LowerName";

    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<StockReservation> StockReservations => Set<StockReservation>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<ProductAttribute> ProductAttributes => Set<ProductAttribute>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<ProductImageFile> ProductImageFiles => Set<ProductImageFile>();
    public DbSet<VerifiedPurchase> VerifiedPurchases => Set<VerifiedPurchase>();
    public DbSet<ErasedCustomer> ErasedCustomers => Set<ErasedCustomer>();
    public DbSet<SeedStep> SeedSteps => Set<SeedStep>();

    private readonly Dictionary<Guid, OutboxMessage> _announcedProducts = [];
    private readonly HashSet<Guid> _changedProducts = [];
    private readonly HashSet<string> _changedSlugs = [];

    /// <summary>Products changed by the unit of work in progress; their caches are dropped once it commits.</summary>
    public IReadOnlyCollection<Guid> ChangedProducts => _changedProducts;

    /// <summary>Slugs that now name a different product, or none, once the unit of work commits.</summary>
    public IReadOnlyCollection<string> ChangedSlugs => _changedSlugs;

    /// <summary>
    /// Announces a product change: <see cref="ProductChanged"/> goes into the outbox with this unit of work (once per
    /// product), and the product's cached copies are dropped when it commits. Pass the slugs a create, rename or
    /// delete affects, so that cached slug look-ups go too.
    /// </summary>
    public void AnnounceProductChanged(Guid productId, params IEnumerable<string> slugs)
    {
        // A retried unit of work starts with a cleared change tracker: announce again rather than trust the first try.
        if (!_announcedProducts.TryGetValue(productId, out var announced) || Entry(announced).State != EntityState.Added)
        {
            announced = new OutboxMessage(OutgoingMessage.From(new ProductChanged(productId)));
            Set<OutboxMessage>().Add(announced);
            _announcedProducts[productId] = announced;
        }

        _changedProducts.Add(productId);
        _changedSlugs.UnionWith(slugs);
    }

    /// <summary>
    /// Drops the products' cached copies once this unit of work commits, without announcing a change: for changes
    /// that show on the product page but matter to nobody else (stock that does not sell out or come back).
    /// </summary>
    public void ForgetCachedProducts(IEnumerable<Guid> productIds) => _changedProducts.UnionWith(productIds);

    public void ForgetChangedProducts()
    {
        _announcedProducts.Clear();
        _changedProducts.Clear();
        _changedSlugs.Clear();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();

        modelBuilder.Entity<Sku>(sku =>
        {
            sku.HasKey(s => s.Code);
            sku.Property(s => s.Code).HasMaxLength(64);
            sku.Property(s => s.Revision).IsConcurrencyToken();
            sku.Property(s => s.Options).HasColumnType("jsonb").HasConversion(
                options => JsonSerializer.Serialize(options, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
                    options => options.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    options => new Dictionary<string, string>(options)));
            sku.ComplexProperty(s => s.Price, price =>
            {
                price.Property(m => m.Amount).HasColumnName("PriceAmount");
                price.Property(m => m.Currency).HasColumnName("PriceCurrency").HasMaxLength(3).IsFixedLength();
            });
            sku.HasIndex(s => s.ProductId);
            sku.HasOne<Product>().WithMany(p => p.Skus).HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
            // The inventory rule, held by the database whatever the code does: never negative, never over-reserved.
            sku.ToTable(table => table.HasCheckConstraint("CK_Skus_Stock", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\""));
        });

        modelBuilder.Entity<StockReservation>(reservation =>
        {
            reservation.HasKey(r => new { r.ReservationId, r.Sku });
            reservation.Property(r => r.Sku).HasMaxLength(64);
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<StockMovement>(movement =>
        {
            movement.HasKey(m => m.Id);
            movement.Property(m => m.Sku).HasMaxLength(64);
            movement.Property(m => m.Reason).HasMaxLength(500);
            movement.Property(m => m.Actor).HasMaxLength(100);
            movement.HasIndex(m => new { m.Sku, m.At });
        });

        modelBuilder.Entity<ProductAttribute>(attribute =>
        {
            attribute.HasKey(a => a.Id);
            // The domain makes the id, so a new attribute added to a loaded product is an insert, not an update.
            attribute.Property(a => a.Id).ValueGeneratedNever();
            attribute.Property(a => a.Name).HasMaxLength(ProductAttribute.MaxNameLength);
            attribute.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            attribute.Property(a => a.Text).HasMaxLength(ProductAttribute.MaxTextLength);
            attribute.HasIndex(a => new { a.ProductId, a.Name }).IsUnique();
            // Filters look for products by an attribute's value.
            attribute.HasIndex(a => new { a.Name, a.Text });
            attribute.HasIndex(a => new { a.Name, a.Number });
        });

        modelBuilder.Entity<ProductImage>(image =>
        {
            image.HasKey(i => i.Id);
            image.Property(i => i.ContentHash).HasMaxLength(16);
            image.Property(i => i.AltText).HasMaxLength(200);
            image.HasIndex(i => new { i.ProductId, i.Position });
            image.HasOne<Product>().WithMany(p => p.Images).HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ProductImageFile>(file =>
        {
            file.HasKey(f => new { f.ImageId, f.Size });
            file.Property(f => f.Size).HasMaxLength(16);
            file.Property(f => f.ContentType).HasMaxLength(32);
            file.HasOne<ProductImage>().WithMany().HasForeignKey(f => f.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Review>(review =>
        {
            review.HasKey(r => r.Id);
            review.Property(r => r.AuthorId).HasMaxLength(100);
            review.Property(r => r.AuthorName).HasMaxLength(200);
            review.Property(r => r.Title).HasMaxLength(Review.MaxTitleLength);
            review.Property(r => r.Body).HasMaxLength(Review.MaxBodyLength);
            review.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            // One review per customer and product; erased authors (null) no longer count.
            review.HasIndex(r => new { r.ProductId, r.AuthorId }).IsUnique();
            review.HasIndex(r => new { r.ProductId, r.Status, r.CreatedAt });
            review.HasIndex(r => r.AuthorId);
            review.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
            review.ToTable(table => table.HasCheckConstraint("CK_Reviews_Rating", "\"Rating\" BETWEEN 1 AND 5"));
        });

        modelBuilder.Entity<VerifiedPurchase>(purchase =>
        {
            purchase.HasKey(p => new { p.CustomerId, p.ProductId });
            purchase.Property(p => p.CustomerId).HasMaxLength(100);
        });

        modelBuilder.Entity<ErasedCustomer>(erased =>
        {
            erased.HasKey(e => e.CustomerId);
            erased.Property(e => e.CustomerId).HasMaxLength(100);
        });

        modelBuilder.Entity<SeedStep>(step =>
        {
            step.HasKey(s => s.Name);
            step.Property(s => s.Name).HasMaxLength(SeedStep.MaxNameLength);
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.Property(c => c.Name).HasMaxLength(Category.MaxNameLength);
            category.Property(c => c.Slug).HasMaxLength(Category.MaxSlugLength);
            category.HasIndex(c => c.Slug).IsUnique();
            // Names are unique among siblings whatever their case: the unique index on (parent or 0, lower(name)) is
            // an expression index, created in the UniqueCategoryAndBrandNames migration (EF cannot model it).
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Brand>(brand =>
        {
            brand.Property(b => b.Name).HasMaxLength(Brand.MaxNameLength);
            brand.Property(b => b.Slug).HasMaxLength(Brand.MaxSlugLength);
            brand.HasIndex(b => b.Slug).IsUnique();
            // Names are unique whatever their case: the unique index on lower(name) is an expression index, created
            // in the UniqueCategoryAndBrandNames migration (EF cannot model it).
        });

        modelBuilder.Entity<Product>(product =>
        {
            product.Property(p => p.Name).HasMaxLength(Product.MaxNameLength);
            product.Property(p => p.Slug).HasMaxLength(Product.MaxSlugLength);
            product.Property(p => p.Description).HasMaxLength(Product.MaxDescriptionLength);
            product.Property(p => p.Revision).IsConcurrencyToken();
            product.HasIndex(p => new { p.IsPublished, p.CreatedAt });
            product.HasMany(p => p.Attributes).WithOne().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => new { p.CategoryId, p.IsPublished });
            // Written only by the database's trigger on "Skus" (the ProductInStock migration); read back after saves.
            product.Property(p => p.InStock).HasDefaultValue(false).ValueGeneratedOnAddOrUpdate();
            product.ComplexProperty(p => p.Price, price =>
            {
                price.Property(m => m.Amount).HasColumnName("PriceAmount");
                price.Property(m => m.Currency).HasColumnName("PriceCurrency").HasMaxLength(3).IsFixedLength();
            });
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
            product.HasOne(p => p.Brand).WithMany().HasForeignKey(p => p.BrandId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
            // Only a deleted product may have let go of its category or brand (when staff deleted those).
            product.ToTable(table => table.HasCheckConstraint("CK_Products_CategoryAndBrandUnlessDeleted",
                "\"DeletedAt\" IS NOT NULL OR (\"CategoryId\" IS NOT NULL AND \"BrandId\" IS NOT NULL)"));
        });
    }
}
