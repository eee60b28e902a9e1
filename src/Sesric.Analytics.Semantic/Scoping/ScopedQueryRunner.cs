using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// A runner seen through a <see cref="DataScope"/>: every query is checked and narrowed by the scope
/// (<see cref="DataScope.Apply"/>) before <paramref name="inner"/> runs it. Hand this, never the inner runner, to code
/// that answers a caller: every query it runs then stays within the caller's programmes.
/// </summary>
/// <param name="inner">The runner that answers (the service's gated, cached engine).</param>
/// <param name="scope">What the caller may see.</param>
/// <threadsafety>Safe to share if <paramref name="inner"/> is.</threadsafety>
public sealed class ScopedQueryRunner(IQueryRunner inner, DataScope scope) : IQueryRunner
{
    /// <summary>What the caller may see.</summary>
    public DataScope Scope { get; } = scope ?? throw new ArgumentNullException(nameof(scope));

    /// <inheritdoc/>
    public SemanticModel Model => inner.Model;

    /// <inheritdoc/>
    /// <exception cref="OutOfScopeException">The query names a programme outside the scope.</exception>
    public Task<ResultTable> ExecuteAsync(SemanticQuery query, CancellationToken ct = default) =>
        inner.ExecuteAsync(Scope.Apply(query, inner.Model), ct);
}
