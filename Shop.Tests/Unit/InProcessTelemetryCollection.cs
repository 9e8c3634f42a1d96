namespace Shop.Tests.Unit;

/// <summary>
/// Tests that start a host with the service defaults' tracing in the test process. Its listener hears every
/// <c>Shop.*</c> activity source of the process with its own sampler, so such hosts must not run beside the test
/// of the sampling ratio: one recording every trace would record the one that test expects unrecorded.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessTelemetryCollection
{
    public const string Name = "In-process telemetry";
}
