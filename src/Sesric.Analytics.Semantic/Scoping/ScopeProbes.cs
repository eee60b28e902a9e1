using System.Collections.Concurrent;

using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Remembers, for the scopes an engine has recently answered, whether the scope excluded anything from its store, so
/// that <see cref="QueryEngine"/> tries the cheaper statement (<see cref="ScopeHandling.Probed"/>) only where it is
/// likely to be usable.
/// </summary>
/// <remarks>
/// This is a guess, never a guarantee: a probed statement checks the scope again in its own snapshot, and its rows are
/// used only when nothing lies outside the scope. A wrong guess costs at most one statement: "excludes nothing" when a
/// write has since added a programme outside the scope (the probe sees it, the scoped statement runs, and the guess is
/// corrected); "excludes something" when it no longer does (only if editions were removed, which the stores never do),
/// which keeps the scope's condition. A scope seen for the first time is asked about with one query on the small
/// edition table. At most <see cref="Capacity"/> scopes are kept (there is one scope per key).
/// </remarks>
/// <threadsafety>Safe to share across threads.</threadsafety>
internal sealed class ScopeProbes
{
    /// <summary>How many scopes are remembered before the memory starts again.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<DataScope, bool> _excludesNothing = new();

    /// <summary>Whether <paramref name="scope"/> (restricted) most likely excludes no edition of <paramref name="store"/>.</summary>
    public async ValueTask<bool> ExcludesNothingLikelyAsync(DataScope scope, IStatementRunner store, CancellationToken ct)
    {
        if (_excludesNothing.TryGetValue(scope, out var known))
        {
            return known;
        }
        var rows = await store.QueryAsync(SqlCompiler.OutsideScopeCount(scope), ct).ConfigureAwait(false);
        var excludesNothing = rows.RowCount == 1 && ResultAssembler.ReadLong(rows.ColumnData[0], 0) == 0;
        Observed(scope, excludesNothing);
        return excludesNothing;
    }

    /// <summary>Records what a statement showed about <paramref name="scope"/>.</summary>
    public void Observed(DataScope scope, bool excludesNothing)
    {
        if (_excludesNothing.Count >= Capacity)
        {
            _excludesNothing.Clear();
        }
        _excludesNothing[scope] = excludesNothing;
    }
}
