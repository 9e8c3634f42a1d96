namespace Shop.Messaging;

/// <summary>Whether the service's consumer is listening yet; for readiness checks and tests.</summary>
public interface IEventConsumerStatus
{
    /// <summary>Completes once the queue is declared, bound and being consumed.</summary>
    Task Consuming { get; }
}
