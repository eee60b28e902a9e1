using System.Diagnostics;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Storage;
using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Answers <see cref="SemanticQuery"/> questions: checks them against the model, compiles them to one
/// parameterised SQL statement, runs it on the store, and turns the rows into a typed, disclosure-
/// controlled <see cref="ResultTable"/>.
/// </summary>
/// <remarks>
/// Bad queries fail with <see cref="QueryException"/> before the database is touched. Aggregation runs
/// in the database; ratios, time intelligence, disclosure control (see <see cref="DisclosurePolicy"/>),
/// ordering and paging run here over the aggregated cells, so the result is deterministic: the same
/// data and query give the same table.
/// </remarks>
/// <threadsafety>Safe to share across threads if the store is.</threadsafety>
public sealed class QueryEngine : IQueryRunner
{
    private readonly IAnalyticsStore _store;
    private readonly SqlCompiler _compiler;

    /// <summary>Builds an engine over <paramref name="store"/> with <paramref name="model"/> (default: <see cref="SemanticModel.Default"/>).</summary>
    public QueryEngine(IAnalyticsStore store, SemanticModel? model = null)
        : this(store, model, twoLevel: true)
    {
    }

    /// <summary>An engine that writes the two-level statement where it can (<paramref name="twoLevel"/>), or always the one-level one (for tests that compare them).</summary>
    internal QueryEngine(IAnalyticsStore store, SemanticModel? model, bool twoLevel)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Model = model ?? SemanticModel.Default;
        // The store names its engine; the compiler writes that engine's dialect.
        _compiler = new SqlCompiler(SqlDialect.For(store.Description.Engine), twoLevel);
    }

    /// <summary>The model queries are checked against.</summary>
    public SemanticModel Model { get; }

    /// <summary>
    /// Checks <paramref name="query"/> and returns the SQL the engine would run (for tests, and for
    /// showing users what was computed). Throws <see cref="QueryException"/> for a bad query.
    /// </summary>
    public SqlStatement Compile(SemanticQuery query) => _compiler.Compile(QueryPlan.Resolve(query, Model));

    /// <summary>
    /// Runs <paramref name="query"/>. Throws <see cref="QueryException"/> for a bad query; store
    /// failures and cancellation propagate.
    /// </summary>
    public async Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var span = QueryTelemetry.StartQuery(query);
        QueryPlan plan;
        SqlStatement statement;
        using (QueryTelemetry.StartPlan())
        {
            plan = QueryPlan.Resolve(query, Model);
            statement = _compiler.Compile(plan);
        }
        SqlRows rows;
        using (QueryTelemetry.StartStatement(statement, _store))
        {
            rows = await _store.QueryAsync(statement, ct).ConfigureAwait(false);
        }
        ResultTable table;
        using (SesricTelemetry.Start("sesric.query.assemble"))
        {
            table = ResultAssembler.Assemble(plan, rows, clock);
        }
        QueryTelemetry.Finish(span, table, clock, statements: 1);
        return table;
    }
}
