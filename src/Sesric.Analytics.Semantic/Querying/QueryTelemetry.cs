using System.Diagnostics;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Semantic;

/// <summary>The engine's spans and metrics, kept here so that <see cref="QueryEngine"/> reads as the work it does.</summary>
/// <remarks>Attributes describe a query's shape (measure and dimension names, policy, SQL with placeholders),
/// never its filter or parameter values: those may name a person or a small group.</remarks>
internal static class QueryTelemetry
{
    /// <summary>The span of one query, tagged with its measure and dimension names and policy.</summary>
    public static Activity? StartQuery(SemanticQuery query)
    {
        var span = SesricTelemetry.Start("sesric.query");
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("sesric.query.measures", string.Join(',', query.Measures));
            span.SetTag("sesric.query.dimensions", string.Join(',', query.Dimensions));
            span.SetTag("sesric.query.policy", query.Policy.Name);
        }
        return span;
    }

    /// <summary>The span of resolving and compiling the plan.</summary>
    public static Activity? StartPlan() => SesricTelemetry.Start("sesric.query.plan");

    /// <summary>The span of one SQL statement: its text (placeholders only) and parameter count, never the values.</summary>
    public static Activity? StartStatement(SqlStatement statement, IStatementRunner store)
    {
        var span = SesricTelemetry.Start("sesric.sql", ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("db.system.name", store.Description.Engine.ToLowerInvariant());
            span.SetTag("db.query.text", statement.Sql);
            span.SetTag("sesric.sql.parameter_count", statement.Parameters.Count);
        }
        return span;
    }

    /// <summary>Records the query's metrics and tags its span with the size of the result.</summary>
    public static void Finish(Activity? span, ResultTable table, Stopwatch clock, int statements)
    {
        SesricTelemetry.QueryDuration.Record(clock.Elapsed.TotalSeconds);
        SesricTelemetry.QueryStatements.Record(statements);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("sesric.query.rows", table.Metadata.TotalRows);
            span.SetTag("sesric.query.suppressed_cells", table.Metadata.SuppressedCells);
        }
    }
}
