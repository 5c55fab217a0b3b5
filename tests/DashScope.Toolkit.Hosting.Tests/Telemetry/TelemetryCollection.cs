namespace DashScope.Toolkit.Hosting.Tests.Telemetry;

/// <summary>
/// The toolkit's ActivitySource and Meter are static and OpenTelemetry's listeners process-wide: tests that read
/// them run alone, so no other test's spans or measurements mix into theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
