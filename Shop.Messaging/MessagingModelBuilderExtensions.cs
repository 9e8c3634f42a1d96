using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Messaging;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>The annotation Npgsql's <c>HasMethod</c> sets (this library does not reference the provider).</summary>
    private const string IndexMethod = "Npgsql:IndexMethod";

    /// <summary>Adds the outbox and inbox tables to a service's model; its migrations then create them.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id");
            outbox.Property(m => m.Type).HasColumnName("type").HasMaxLength(200);
            outbox.Property(m => m.Body).HasColumnName("body");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.PublishAttempts).HasColumnName("publish_attempts");
            // The relay reads the oldest unpublished messages; a partial index keeps that cheap as history grows.
            outbox.HasIndex(m => m.OccurredAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_unpublished");
            // The cleanup deletes by publication time. Rows arrive in time order, so each block range holds a short
            // span of times and a BRIN index finds the expired ones for a few pages, where a B-tree would add an
            // entry to every publication.
            outbox.HasIndex(m => m.PublishedAt).HasAnnotation(IndexMethod, "brin").HasDatabaseName("ix_outbox_published_at");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
            // For the cleanup, as the outbox's publication time above.
            inbox.HasIndex(m => m.HandledAt).HasAnnotation(IndexMethod, "brin").HasDatabaseName("ix_inbox_handled_at");
        });

        return modelBuilder;
    }
}
