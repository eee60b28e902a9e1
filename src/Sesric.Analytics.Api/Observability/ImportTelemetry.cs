using System.Diagnostics;

using Sesric.Analytics.Storage;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Api.Observability;

/// <summary>An import's span and metrics: its duration, and the rows it wrote (a replayed request writes none).</summary>
internal static class ImportTelemetry
{
    /// <summary>Starts the span and the clock of writing one checked batch; dispose when the store returns.</summary>
    public static Measurement Start(int rows) =>
        new(SesricTelemetry.Start("sesric.import")?.SetTag("sesric.import.rows", rows), Stopwatch.GetTimestamp());

    /// <summary>Counts the rows a finished import accepted.</summary>
    public static void Imported(ImportOutcome outcome, int rows)
    {
        Activity.Current?.SetTag("sesric.import.replay", outcome.WasReplay);
        SesricTelemetry.RowsImported.Add(outcome.WasReplay ? 0 : rows);
    }

    /// <summary>Ends the span and records the duration.</summary>
    public readonly record struct Measurement(Activity? Span, long Started) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            SesricTelemetry.ImportDuration.Record(Stopwatch.GetElapsedTime(Started).TotalSeconds);
            Span?.Dispose();
        }
    }
}
