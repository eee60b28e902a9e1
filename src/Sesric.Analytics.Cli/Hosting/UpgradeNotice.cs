using Sesric.Analytics.Storage.DuckDb;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>
/// Says on standard error, before it runs, that the store is being upgraded to a newer schema: on a large store
/// that takes seconds, and a command that waits silently looks stuck.
/// </summary>
internal sealed class UpgradeNotice(TextWriter error) : IProgress<SchemaUpgrade>
{
    /// <inheritdoc/>
    public void Report(SchemaUpgrade value)
    {
        error.WriteLine($"sesric: {value}; large stores take a while, and an interrupted upgrade leaves the store as it was.");
        error.Flush();
    }
}
