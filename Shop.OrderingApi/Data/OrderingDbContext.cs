using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Messaging;
using Shop.OrderingApi.Checkout;
using Shop.OrderingApi.Domain;
using Shop.OrderingApi.Domain.Orders;
using Shop.OrderingApi.Domain.Promotions;
using Shop.OrderingApi.Idempotency;
using Shop.OrderingApi.Orders;
using Shop.OrderingApi.Payments.Stripe;
using Shop.OrderingApi.Payments.TestGateway;

namespace Shop.OrderingApi.Data;

public sealed class OrderingDbContext(DbContextOptions<OrderingDbContext> options) : DbContext(options)
{
    /// <summary>The AppHost's name for this database's connection string.</summary>
    public const string ConnectionName = "orderingdb";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<PromotionRedemption> PromotionRedemptions => Set<PromotionRedemption>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<PendingPlacement> PendingPlacements => Set<PendingPlacement>();
    public DbSet<ErasedCustomer> ErasedCustomers => Set<ErasedCustomer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();

        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.CustomerId).HasMaxLength(64);
            order.Property(o => o.Email).HasMaxLength(320);
            order.Property(o => o.GuestAccessTokenHash).HasMaxLength(64);
            order.Property(o => o.ShippingMethod).HasMaxLength(32);
            order.Property(o => o.DiscountCode).HasMaxLength(64);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.PaymentReference).HasMaxLength(255);
            order.Property(o => o.Carrier).HasMaxLength(100);
            order.Property(o => o.TrackingNumber).HasMaxLength(100);
            order.Property(o => o.Version).IsRowVersion();
            order.ComplexProperty(o => o.Refunded, MapMoney("refunded"));
            order.ComplexProperty(o => o.ShippingAddress, address =>
            {
                address.Property(a => a.Name).HasMaxLength(200);
                address.Property(a => a.Line1).HasMaxLength(200);
                address.Property(a => a.Line2).HasMaxLength(200);
                address.Property(a => a.City).HasMaxLength(100);
                address.Property(a => a.PostalCode).HasMaxLength(20);
                address.Property(a => a.Country).HasMaxLength(2);
                address.Property(a => a.Region).HasMaxLength(50);
                address.Property(a => a.Phone).HasMaxLength(30);
            });
            order.ComplexProperty(o => o.Totals, totals =>
            {
                totals.ComplexProperty(t => t.Subtotal, MapMoney("subtotal"));
                totals.ComplexProperty(t => t.Discount, MapMoney("discount"));
                totals.ComplexProperty(t => t.Shipping, MapMoney("shipping"));
                totals.ComplexProperty(t => t.Tax, MapMoney("tax"));
                totals.ComplexProperty(t => t.Total, MapMoney("total"));
            });
            // Lines, history and returns are read and written with their order, never queried on their own.
            AsJson<OrderLine>(order, "_lines", "lines");
            AsJson<OrderHistoryEntry>(order, "_history", "history");
            AsJson<ReturnRequest>(order, "_returns", "returns");
            order.Ignore(o => o.Lines);
            order.Ignore(o => o.History);
            order.Ignore(o => o.Returns);
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            order.HasIndex(o => new { o.Status, o.PlacedAt });
            order.HasIndex(o => o.PaymentReference);
        });

        // Only placements in flight: no index beyond the key, the sweep reads the few rows there are.
        modelBuilder.Entity<PendingPlacement>().HasKey(p => p.OrderId);

        modelBuilder.Entity<ErasedCustomer>(erased =>
        {
            erased.HasKey(e => e.CustomerId);
            erased.Property(e => e.CustomerId).HasMaxLength(64);
        });

        modelBuilder.Entity<Promotion>(promotion =>
        {
            promotion.HasKey(p => p.Code);
            promotion.Property(p => p.Code).HasMaxLength(64);
            promotion.Property(p => p.Description).HasMaxLength(500);
            promotion.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
            promotion.Property(p => p.Currency).HasMaxLength(3);
        });

        modelBuilder.Entity<PromotionRedemption>(redemption =>
        {
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Code).HasMaxLength(64);
            redemption.Property(r => r.CustomerKey).HasMaxLength(320);
            redemption.HasIndex(r => new { r.Code, r.CustomerKey });
        });

        modelBuilder.Entity<TestPayment>(payment =>
        {
            payment.HasKey(p => p.Reference);
            payment.Property(p => p.Reference).HasMaxLength(64);
            payment.Property(p => p.ClientSecret).HasMaxLength(128);
            payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
            payment.Property(p => p.LastDeclineCode).HasMaxLength(64);
            payment.Property(p => p.CardLast4).HasMaxLength(4);
            payment.Property(p => p.Version).IsRowVersion();
            payment.ComplexProperty(p => p.Amount, MapMoney("amount"));
            payment.ComplexProperty(p => p.Refunded, MapMoney("refunded"));
        });

        modelBuilder.Entity<ProcessedWebhookEvent>(webhookEvent =>
        {
            webhookEvent.HasKey(e => e.EventId);
            webhookEvent.Property(e => e.EventId).HasMaxLength(255);
            webhookEvent.Property(e => e.Type).HasMaxLength(100);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(100);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            // text, not jsonb: a replay must return the first answer byte for byte.
            record.Property(r => r.ResponseBody).HasColumnType("text");
            record.HasIndex(r => r.CreatedAt);
        });
    }

    private static Action<ComplexPropertyBuilder<Money>> MapMoney(string prefix) => money =>
    {
        money.Property(m => m.Amount).HasColumnName($"{prefix}_amount");
        money.Property(m => m.Currency).HasColumnName($"{prefix}_currency").HasMaxLength(3);
    };

    /// <summary>A list of immutable records (see <see cref="ImmutableItemListComparer{T}"/>) stored as one JSON column.</summary>
    private static void AsJson<T>(EntityTypeBuilder<Order> order, string field, string column) where T : IEquatable<T>
    {
        order.Property<List<T>>(field)
            .HasColumnName(column)
            .HasColumnType("jsonb")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(
                value => JsonSerializer.Serialize(value, Json),
                json => JsonSerializer.Deserialize<List<T>>(json, Json) ?? new List<T>(),
                new ImmutableItemListComparer<T>());
    }
}
