using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Shop.Messaging;
using Shop.Messaging.Outbox;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Messaging;

public sealed record NoteTaken(string Text) : IntegrationEvent;

/// <summary>Writes each event it handles as a note, through the same database as the inbox, and can be told to fail.</summary>
public sealed class NoteTakenHandler(MessagingTestDbContext db, HandlerScript script) : IIntegrationEventHandler<NoteTaken>
{
    public async Task HandleAsync(NoteTaken integrationEvent, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref script.Calls) <= script.FailuresBeforeSuccess)
        {
            throw new InvalidOperationException("The handler failed, as the test asked.");
        }

        db.Notes.Add(new RecordedNote { Text = integrationEvent.Text });
        await db.SaveChangesAsync(cancellationToken);
        script.Handled.TrySetResult(integrationEvent);
    }
}

public sealed class HandlerScript
{
    public int Calls;
    public int FailuresBeforeSuccess { get; init; }
    public TaskCompletionSource<NoteTaken> Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

[Collection(ShopCollection.Name)]
public sealed class EventBusTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEventPublishedOnRabbitMqIsConsumed()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: false);

        var sent = new NoteTaken("hello");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation);

        var consumed = await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(sent.Id, consumed.Id);
        Assert.Equal("hello", consumed.Text);
    }

    [Fact]
    public async Task AnEventSavedInTheOutboxIsPublishedAfterTheTransactionCommits()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true);

        var sent = new NoteTaken("from the outbox");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            db.AddIntegrationEvent(sent);
            await db.SaveChangesAsync(Cancellation);
        }

        var consumed = await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(sent.Id, consumed.Id);
        // The relay marks the row once the broker confirms, which may be just after the consumer has the message.
        var publishedAt = await Eventually.WaitForAsync(async () =>
        {
            await using var check = host.Services.CreateAsyncScope();
            return (await check.ServiceProvider.GetRequiredService<MessagingTestDbContext>()
                .Set<OutboxMessage>().SingleAsync(m => m.Id == sent.Id, Cancellation)).PublishedAt;
        }, published => published is not null, TimeSpan.FromSeconds(30));
        Assert.NotNull(publishedAt);
    }

    [Fact]
    public async Task ManyEventsFromOneTransactionArriveOnceEachAndAreMarkedPublishedOnce()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true);

        var texts = Enumerable.Range(0, 30).Select(i => $"batch {i:00}").ToList();
        var sent = texts.Select(t => new NoteTaken(t)).ToList();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            foreach (var integrationEvent in sent)
            {
                db.AddIntegrationEvent(integrationEvent);
            }

            await db.SaveChangesAsync(Cancellation);
        }

        var notes = await NotesAsync(host, expected: texts.Count, within: TimeSpan.FromSeconds(30));
        Assert.Equal(texts, notes.Order());
        Assert.Equal(texts.Count, script.Calls);
        var ids = sent.Select(e => e.Id).ToList();
        var outbox = await Eventually.WaitForAsync(async () =>
        {
            await using var check = host.Services.CreateAsyncScope();
            return await check.ServiceProvider.GetRequiredService<MessagingTestDbContext>()
                .Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Cancellation);
        }, rows => rows.All(m => m.PublishedAt is not null), TimeSpan.FromSeconds(10));
        Assert.Equal(texts.Count, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(1, m.PublishAttempts));
    }

    [Fact]
    public async Task AnEventWhoseTransactionRollsBackIsNeverPublished()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
                db.AddIntegrationEvent(new NoteTaken("rolled back"));
                await db.SaveChangesAsync(Cancellation);
                await transaction.RollbackAsync(Cancellation);
            });
            db.ChangeTracker.Clear();
        }

        var committed = new NoteTaken("committed afterwards");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            db.AddIntegrationEvent(committed);
            await db.SaveChangesAsync(Cancellation);
        }

        // Messages are published in order, so once the later one arrives the rolled-back one would have too.
        var consumed = await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(committed.Id, consumed.Id);
        Assert.Equal(1, script.Calls);
        Assert.Equal(["committed afterwards"], await NotesAsync(host, expected: 1));
    }

    [Fact]
    public async Task ARedeliveredMessageIsHandledOnce()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true);

        var sent = new NoteTaken("once");
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(sent, Cancellation);
        await publisher.PublishAsync(sent, Cancellation);
        await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation); // time for the duplicate to arrive and be skipped

        Assert.Equal(["once"], await NotesAsync(host, expected: 1));
    }

    [Fact]
    public async Task HandledMessagesAreForgottenAfterTheRetentionAndRecentOnesStillCount()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true, configuration: new()
        {
            ["Messaging:Inbox:CleanupInterval"] = "00:00:01",
            ["Messaging:Inbox:Retention"] = "7.00:00:00",
        });
        Guid expired = Guid.NewGuid(), kept = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, handled_at) VALUES
                  ({expired}, 'earlier', now() - interval '8 days'),
                  ({kept}, 'earlier', now() - interval '6 days')
                """, Cancellation);
        }

        var sent = new NoteTaken("remembered");
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(sent, Cancellation);
        await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        var remaining = await Eventually.WaitForAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            return await db.Database.SqlQuery<Guid>($"SELECT message_id AS \"Value\" FROM inbox_messages").ToListAsync(Cancellation);
        }, ids => !ids.Contains(expired) && ids.Contains(sent.Id));
        Assert.DoesNotContain(expired, remaining);
        Assert.Contains(kept, remaining);
        Assert.Contains(sent.Id, remaining);

        // Cleanups have run since, and the handled message is still recognised when it comes again.
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        await publisher.PublishAsync(sent, Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal(["remembered"], await NotesAsync(host, expected: 1));
    }

    [Fact]
    public async Task PublishedMessagesAreDeletedAfterTheRetentionAndRecentOnesAreKept()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true, configuration: new()
        {
            ["Messaging:Outbox:CleanupInterval"] = "00:00:01",
            ["Messaging:Outbox:Retention"] = "7.00:00:00",
        });
        Guid expired = Guid.NewGuid(), kept = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (id, type, body, occurred_at, published_at, publish_attempts) VALUES
                  ({expired}, 'earlier', '\x7b7d', now() - interval '8 days', now() - interval '8 days', 1),
                  ({kept}, 'earlier', '\x7b7d', now() - interval '6 days', now() - interval '6 days', 1)
                """, Cancellation);
        }

        var remaining = await Eventually.WaitForAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            return await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM outbox_messages").ToListAsync(Cancellation);
        }, ids => !ids.Contains(expired), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(expired, remaining);
        Assert.Contains(kept, remaining);

        // The relay goes on publishing from the outbox beside the cleanup.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            db.AddIntegrationEvent(new NoteTaken("after the cleanup"));
            await db.SaveChangesAsync(Cancellation);
        }

        await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(["after the cleanup"], await NotesAsync(host, expected: 1));
    }

    [Fact]
    public async Task AFailingHandlerIsRetriedWithBackOffUntilItSucceeds()
    {
        var script = new HandlerScript { FailuresBeforeSuccess = 2 };
        await using var host = await StartConsumerAsync(script, withInbox: true);

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(new NoteTaken("third time lucky"), Cancellation);

        await script.Handled.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(3, script.Calls);
        Assert.Equal(["third time lucky"], await NotesAsync(host, expected: 1));
    }

    [Fact]
    public async Task AMessageThatKeepsFailingEndsInTheDeadLetterQueue()
    {
        var script = new HandlerScript { FailuresBeforeSuccess = int.MaxValue };
        await using var host = await StartConsumerAsync(script, withInbox: true);
        var sent = new NoteTaken("poison");

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(sent, Cancellation);

        var connection = host.Services.GetRequiredService<IConnection>();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        var deadLetterQueue = MessagingTopology.DeadLetterQueueFor(host.Queue);
        BasicGetResult? dead = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (dead is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Cancellation);
            dead = await channel.BasicGetAsync(deadLetterQueue, autoAck: true, Cancellation);
        }

        Assert.NotNull(dead);
        Assert.Equal(sent.Id.ToString(), dead.BasicProperties.MessageId);
        Assert.Equal(3, script.Calls); // the first attempt and the two configured retries
        Assert.Empty(await NotesAsync(host, expected: 0));
    }

    [Fact]
    public async Task EventsWrittenWhileRabbitMqIsDownAreDeliveredWhenItReturns()
    {
        var script = new HandlerScript();
        await using var host = await StartConsumerAsync(script, withInbox: true);
        var commands = shop.App.Services.GetRequiredService<ResourceCommandService>();

        await commands.ExecuteCommandAsync("messaging", KnownResourceCommands.StopCommand, Cancellation);
        await shop.App.ResourceNotifications.WaitForResourceAsync("messaging", KnownResourceStates.TerminalStates, Cancellation);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            for (var i = 0; i < 5; i++)
            {
                db.AddIntegrationEvent(new NoteTaken($"during the outage {i}"));
            }

            await db.SaveChangesAsync(Cancellation);
            await Task.Delay(TimeSpan.FromSeconds(2), Cancellation); // the relay fails and backs off meanwhile
        }
        finally
        {
            await commands.ExecuteCommandAsync("messaging", KnownResourceCommands.StartCommand, Cancellation);
        }

        await shop.App.ResourceNotifications.WaitForResourceHealthyAsync("messaging", Cancellation);
        var notes = await NotesAsync(host, expected: 5, within: TimeSpan.FromSeconds(90));
        Assert.Equal(5, notes.Count);
        Assert.Equal(5, notes.Distinct().Count());
    }

    private Task<MessagingTestHost> StartConsumerAsync(HandlerScript script, bool withInbox, Dictionary<string, string?>? configuration = null) =>
        MessagingTestHost.StartAsync(shop, builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration ?? []);
            builder.Services.AddSingleton(script);
            builder.Services.AddEventHandler<NoteTaken, NoteTakenHandler>();
            if (withInbox)
            {
                builder.AddOutboxAndInbox<MessagingTestDbContext>();
            }
        }, Cancellation);

    /// <summary>
    /// The notes handlers wrote, once there are <paramref name="expected"/> of them (the handler signals before the
    /// inbox commits its transaction) or a few seconds have passed.
    /// </summary>
    private static Task<List<string>> NotesAsync(MessagingTestHost host, int expected, TimeSpan? within = null) =>
        Eventually.WaitForAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>().Notes.Select(n => n.Text).ToListAsync(Cancellation);
        }, notes => notes.Count >= expected, within ?? TimeSpan.FromSeconds(5));
}
