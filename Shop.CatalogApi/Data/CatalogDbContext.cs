using Microsoft.EntityFrameworkCore;
using Shop.CatalogApi.Domain;

namespace Shop.CatalogApi.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    /// <summary>The AppHost's name for this database's connection string.</summary>
    public const string ConnectionName = "catalogdb";

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Brand> Brands => Set<Brand>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(category =>
        {
            category.Property(c => c.Name).HasMaxLength(100);
            category.Property(c => c.Slug).HasMaxLength(120);
            category.HasIndex(c => c.Slug).IsUnique();
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Brand>(brand =>
        {
            brand.Property(b => b.Name).HasMaxLength(100);
            brand.Property(b => b.Slug).HasMaxLength(120);
            brand.HasIndex(b => b.Slug).IsUnique();
        });

        modelBuilder.Entity<Product>(product =>
        {
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Slug).HasMaxLength(220);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => new { p.CategoryId, p.IsPublished });
            product.ComplexProperty(p => p.Price, price =>
            {
                price.Property(m => m.Amount).HasColumnName("PriceAmount");
                price.Property(m => m.Currency).HasColumnName("PriceCurrency").HasMaxLength(3).IsFixedLength();
            });
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            product.HasOne(p => p.Brand).WithMany().HasForeignKey(p => p.BrandId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
