using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sesric.Analytics.Telemetry;

/// <summary>
/// The one activity source and meter of every Sesric library, with its instruments. Libraries use only
/// <c>System.Diagnostics</c>; the service (OpenTelemetry) and the CLI (<c>--trace FILE</c>) decide what is
/// listened to and where it goes. With nobody listening, a span start is a null check and a metric a no-op.
/// </summary>
/// <remarks>
/// Attributes carry shapes, never values a caller supplied: SQL text holds only model names and
/// <c>$n</c> placeholders (its parameters are never recorded), queries are described by measure and
/// dimension names (never the filter), and rate limiting names the key's configured id (never the key).
/// Durations are in seconds, as the OpenTelemetry semantic conventions ask.
/// </remarks>
public static class SesricTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "Sesric.Analytics";

    /// <summary>The spans of the engine, store, reporting and forecasting.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The service's own metrics.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Wall time the semantic engine spent on one query: plan, SQL and result assembly.</summary>
    public static readonly Histogram<double> QueryDuration = Meter.CreateHistogram<double>(
        "sesric.query.duration", "s", "Time the semantic engine spent on one query (plan, SQL, result assembly and disclosure control).");

    /// <summary>SQL statements one query ran on the store.</summary>
    public static readonly Histogram<int> QueryStatements = Meter.CreateHistogram<int>(
        "sesric.query.sql_statements", "{statement}", "SQL statements one semantic query ran on the store.");

    /// <summary>Statistics requests answered from the result cache.</summary>
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "sesric.query.cache.hits", "{query}", "Statistics requests answered from the in-memory result cache.");

    /// <summary>Statistics requests the result cache could not answer (computed, then cached).</summary>
    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "sesric.query.cache.misses", "{query}", "Statistics requests the result cache could not answer, so the store computed them.");

    /// <summary>Queries waiting at the store's concurrency gate.</summary>
    public static readonly UpDownCounter<long> GateQueueLength = Meter.CreateUpDownCounter<long>(
        "sesric.store.gate.queue_length", "{query}", "Queries waiting for a turn at the store's concurrency gate.");

    /// <summary>How long a query waited at the store's concurrency gate.</summary>
    public static readonly Histogram<double> GateWait = Meter.CreateHistogram<double>(
        "sesric.store.gate.wait", "s", "Time a query waited at the store's concurrency gate before it ran.");

    /// <summary>Participation rows written by an import.</summary>
    public static readonly Counter<long> RowsImported = Meter.CreateCounter<long>(
        "sesric.import.rows.imported", "{row}", "Participation rows an import accepted and wrote to the store.");

    /// <summary>Participation rows refused by an import's checks.</summary>
    public static readonly Counter<long> RowsRejected = Meter.CreateCounter<long>(
        "sesric.import.rows.rejected", "{row}", "Participation rows an import refused as invalid (the whole batch is then refused).");

    /// <summary>How long one import took to write its batch.</summary>
    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "sesric.import.duration", "s", "Time one import took to write its batch to the store.");

    /// <summary>Calls refused by the per-key rate limit, by key id (<see cref="KeyIdTag"/>).</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "sesric.rate_limit.refused", "{call}", "Calls refused by the per-key rate limit, by the key's configured id (never the key).");

    /// <summary>How long training a forecaster took (backtests and final fits).</summary>
    public static readonly Histogram<double> TrainingDuration = Meter.CreateHistogram<double>(
        "sesric.forecast.training.duration", "s", "Time one forecaster training took (backtests and final fits).");

    /// <summary>The name of the store state gauge (an observable instrument the service registers).</summary>
    public const string StoreStateName = "sesric.store.state";

    /// <summary>The attribute naming a key's configured id.</summary>
    public const string KeyIdTag = "sesric.key.id";

    /// <summary>
    /// Starts a span of this library's source, or returns null when nobody listens or when the caller's span is not being
    /// recorded: traces are sampled by their root (parent-based), so a child of an unsampled span would be created, carried
    /// and dropped on every call for nothing (measured on the cached Query path, where that is most of the work).
    /// </summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) =>
        Activity.Current is { Recorded: false, IsAllDataRequested: false } ? null : Source.StartActivity(name, kind);
}
