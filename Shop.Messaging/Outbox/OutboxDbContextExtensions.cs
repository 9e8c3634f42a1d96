using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox: it is saved by the same <c>SaveChanges</c> as the change it
    /// announces (so both happen or neither), and published by the relay afterwards.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IntegrationEvent integrationEvent) =>
        db.Set<OutboxMessage>().Add(new OutboxMessage(OutgoingMessage.From(integrationEvent)));
}
