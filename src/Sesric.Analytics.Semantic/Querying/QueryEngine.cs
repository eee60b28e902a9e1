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
    private readonly IStatementRunner _store;
    private readonly SqlCompiler _compiler;

    /// <summary>
    /// The most counted fact rows a store may hold for queries to be answered in memory by default: the built-in data
    /// (about 750) and registries of a few years are well within it; at this size the in-memory aggregation takes about
    /// as long as DuckDB's fixed cost per statement, and beyond it DuckDB's own speed wins.
    /// </summary>
    public const int DefaultInMemoryFactRows = 20_000;

    private readonly IFactSnapshotSource? _facts;
    private readonly int _inMemoryFactRows;

    /// <summary>Whether each recent scope excluded anything, which chooses the statement to try first.</summary>
    private readonly ScopeProbes _probes = new();

    /// <summary>Whether recent results needed the synthetic share's cell keys, which chooses whether a statement computes them.</summary>
    private readonly ShareKeyGuess _shareKeys = new();

    /// <summary>Plans already resolved against <see cref="Model"/> (a plan depends on the query and the model only).</summary>
    private readonly PlanCache _plans;

    /// <summary>Whether every statement computes the share's keys (the behaviour before <see cref="SyntheticShareKeys"/>, for tests that compare).</summary>
    private readonly bool _alwaysShareKeys;

    /// <summary>Builds an engine over <paramref name="store"/> with <paramref name="model"/> (default: <see cref="SemanticModel.Default"/>).</summary>
    /// <remarks>
    /// The engine needs the store in one role only, <see cref="IStatementRunner"/>: its dialect and its statements. A store
    /// that is also an <see cref="IFactSnapshotSource"/> (both built-in stores are) lets small stores be answered in memory.
    /// </remarks>
    public QueryEngine(IStatementRunner store, SemanticModel? model = null)
        : this(store, model, twoLevel: true)
    {
    }

    /// <summary>
    /// Builds an engine over <paramref name="store"/> that answers in memory while the store's counted fact rows are at most
    /// <paramref name="inMemoryFactRows"/> (0: always in the database; see <see cref="DefaultInMemoryFactRows"/>).
    /// </summary>
    public QueryEngine(IStatementRunner store, SemanticModel? model, int inMemoryFactRows)
        : this(store, model, twoLevel: true, inMemoryFactRows)
    {
    }

    /// <summary>
    /// An engine that writes the two-level statement where it can (<paramref name="twoLevel"/>), or always the one-level one,
    /// and that computes the synthetic share's cell keys in every protected statement when <paramref name="alwaysShareKeys"/>
    /// (for tests that compare them).
    /// </summary>
    internal QueryEngine(IStatementRunner store, SemanticModel? model, bool twoLevel, int inMemoryFactRows = DefaultInMemoryFactRows, bool alwaysShareKeys = false)
    {
        _alwaysShareKeys = alwaysShareKeys;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(inMemoryFactRows);
        _store = store;
        _facts = store as IFactSnapshotSource;
        _inMemoryFactRows = twoLevel ? inMemoryFactRows : 0;
        Model = model ?? SemanticModel.Default;
        _plans = new PlanCache(Model);
        // The store names its engine; the compiler writes that engine's dialect.
        _compiler = new SqlCompiler(SqlDialect.For(store.Description.Engine), twoLevel);
    }

    /// <summary>The model queries are checked against.</summary>
    public SemanticModel Model { get; }

    /// <summary>
    /// Checks <paramref name="query"/> and returns the SQL the engine would run (for tests, and for
    /// showing users what was computed). Throws <see cref="QueryException"/> for a bad query.
    /// </summary>
    /// <remarks>The statement shown computes every cell key; the engine may leave out the synthetic share's two where the
    /// result does not need them (see <see cref="SyntheticShareKeys"/>).</remarks>
    public SqlStatement Compile(SemanticQuery query) => _compiler.Compile(QueryPlan.Resolve(query, Model));

    /// <summary>
    /// Runs <paramref name="query"/>. Throws <see cref="QueryException"/> for a bad query; store
    /// failures and cancellation propagate.
    /// </summary>
    /// <remarks>
    /// A restricted scope costs a condition on every fact row, which the unscoped statement never reads. When the scope
    /// is likely to exclude nothing (<see cref="ScopeProbes"/>), the engine runs the statement without the condition and
    /// with a count of the editions outside the scope in the same statement (one snapshot, see
    /// <see cref="ScopeHandling.Probed"/>); it uses those rows only when the count is 0, and otherwise runs the scoped
    /// statement (a write may have added a programme since). The guess only chooses which statement runs first; what is
    /// returned never depends on it. So with the synthetic share's cell keys (<see cref="SyntheticShareKeys"/>): a statement
    /// leaves them out while recent results did not need them (<see cref="ShareKeyGuess"/>), and rows that turn out to need
    /// them are asked again with them.
    /// </remarks>
    public async Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var span = QueryTelemetry.StartQuery(query);
        QueryPlan plan;
        SqlStatement? statement = null;
        FactSnapshot? snapshot = null;
        var shareKeys = _alwaysShareKeys || _shareKeys.IncludeKeys;
        using (QueryTelemetry.StartPlan())
        {
            plan = _plans.Resolve(query, probeScope: false, shareKeys);
            if (_facts is not null && _inMemoryFactRows > 0 && InMemoryEvaluator.Supports(plan))
            {
                snapshot = await _facts.GetFactSnapshotAsync(_inMemoryFactRows, ct).ConfigureAwait(false);
            }
            // No statement when the answer comes from memory; and only a scope of programmes alone may be probed (an
            // edition count cannot see a member state's rows), so its statement is written once the probe has chosen.
            if (snapshot is null && (plan.ScopeHandling != ScopeHandling.Condition || !query.Scope.RestrictsProgrammesOnly))
            {
                statement = _compiler.Compile(plan);
            }
        }
        if (snapshot is not null)
        {
            // A small store: the same rows the statement would return, computed over the fact rows in memory (the scope,
            // when it has a condition, is part of the plan's filter; no statement, so no probe either).
            if (TryInMemory(query, ref plan, snapshot) is { } computed)
            {
                return Finish(plan, computed, span, clock, statements: 0);
            }
            // A model file's condition over a column of another type than its form needs: the database answers.
            if (plan.ScopeHandling != ScopeHandling.Condition || !query.Scope.RestrictsProgrammesOnly)
            {
                statement = _compiler.Compile(plan);
            }
        }
        var statements = 0;
        if (statement is null)
        {
            if (await _probes.ExcludesNothingLikelyAsync(query.Scope, _store, ct).ConfigureAwait(false))
            {
                QueryPlan probed;
                SqlStatement probedStatement;
                using (QueryTelemetry.StartPlan())
                {
                    probed = _plans.Resolve(query, probeScope: true, shareKeys);
                    probedStatement = _compiler.Compile(probed);
                }
                var probedRows = await RunAsync(probedStatement, ct).ConfigureAwait(false);
                statements++;
                var outside = probedRows.RowCount == 0 ? null : ResultAssembler.ReadLong(probedRows.ColumnData[probedRows.IndexOf(SqlCompiler.OutsideScopeColumn)], 0);
                if (outside is not null)
                {
                    // An empty answer says nothing about the scope; remembering it as "excludes something" would keep
                    // every later query of this scope on the dearer statement.
                    _probes.Observed(query.Scope, excludesNothing: outside == 0);
                }
                if (outside == 0)
                {
                    if (!ShareKeysMissing(probed, probedRows))
                    {
                        return Finish(probed, probedRows, span, clock, statements);
                    }
                    // The caller's rows, but their share needs the keys: ask with the scope's condition and the keys.
                    plan = WithShareKeys(query);
                }
                // Something lies outside the scope (or no row came back to say so): these rows are not the caller's;
                // answer with the scope's condition instead.
            }
            using (QueryTelemetry.StartPlan())
            {
                statement = _compiler.Compile(plan);
            }
        }
        var rows = await RunAsync(statement, ct).ConfigureAwait(false);
        statements++;
        if (ShareKeysMissing(plan, rows))
        {
            using (QueryTelemetry.StartPlan())
            {
                plan = WithShareKeys(query);
                statement = _compiler.Compile(plan);
            }
            rows = await RunAsync(statement, ct).ConfigureAwait(false);
            statements++;
        }
        return Finish(plan, rows, span, clock, statements);
    }

    /// <summary>
    /// The rows of <paramref name="plan"/> computed over <paramref name="snapshot"/> (asked again with the share's keys when
    /// they turn out to be needed, which updates <paramref name="plan"/>), or null when the evaluator cannot compute them.
    /// </summary>
    private SqlRows? TryInMemory(SemanticQuery query, ref QueryPlan plan, FactSnapshot snapshot)
    {
        using var inMemory = SesricTelemetry.Start("sesric.query.in_memory");
        if (!InMemoryEvaluator.TryEvaluate(plan, snapshot, out var computed))
        {
            return null;
        }
        if (ShareKeysMissing(plan, computed))
        {
            plan = WithShareKeys(query);
            if (!InMemoryEvaluator.TryEvaluate(plan, snapshot, out computed))
            {
                return null;
            }
        }
        return computed;
    }

    /// <summary>The plan of <paramref name="query"/> with the synthetic share's cell keys.</summary>
    private QueryPlan WithShareKeys(SemanticQuery query) => _plans.Resolve(query, probeScope: false, shareKeys: true);

    /// <summary>
    /// Whether <paramref name="rows"/> of <paramref name="plan"/> need the synthetic share's cell keys and the plan has none
    /// (so the query must be asked again with them); tells the guess what the rows needed.
    /// </summary>
    private bool ShareKeysMissing(QueryPlan plan, SqlRows rows)
    {
        if (!plan.ShareIsProtected)
        {
            return false;
        }
        var needed = SyntheticShareKeys.Needed(plan, rows);
        _shareKeys.Observed(needed);
        return needed && !plan.HasShareKeys;
    }

    private async Task<SqlRows> RunAsync(SqlStatement statement, CancellationToken ct)
    {
        using (QueryTelemetry.StartStatement(statement, _store))
        {
            return await _store.QueryAsync(statement, ct).ConfigureAwait(false);
        }
    }

    private static ResultTable Finish(QueryPlan plan, SqlRows rows, Activity? span, Stopwatch clock, int statements)
    {
        ResultTable table;
        using (SesricTelemetry.Start("sesric.query.assemble"))
        {
            table = ResultAssembler.Assemble(plan, rows, clock);
        }
        QueryTelemetry.Finish(span, table, clock, statements);
        return table;
    }
}
