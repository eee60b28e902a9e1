namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>
/// Telemetry tests run alone: the libraries' meter and activity source are process-wide, so a call made by a
/// test running in parallel would move the counters these tests check by exact amounts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
