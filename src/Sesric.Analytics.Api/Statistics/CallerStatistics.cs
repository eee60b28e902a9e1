using Grpc.Core;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.Statistics;

/// <summary>
/// The statistics engine as a caller may use it: the one shared engine (concurrency gate, result cache) seen through the
/// caller's <see cref="DataScope"/>. Services that answer with figures take this, not <see cref="IStatisticsEngine"/>,
/// so the only runner they can get is one bound to the caller's scope; any other surface of the process (such as a
/// feed on the JSON port) gets its runner the same way, from the caller it authenticated.
/// </summary>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class CallerStatistics(IStatisticsEngine engine)
{
    /// <summary>The model queries are checked against (metadata only: it holds no figures).</summary>
    public SemanticModel Model => engine.Model;

    /// <summary>The runner for the call's authenticated caller.</summary>
    /// <exception cref="InvalidOperationException">The call has no authenticated caller (a wiring bug).</exception>
    public ScopedQueryRunner For(ServerCallContext context) => For(context.GetCaller());

    /// <summary>The runner for <paramref name="caller"/>: every query stays within the caller's programmes.</summary>
    public ScopedQueryRunner For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ScopedQueryRunner(engine, caller.Scope);
    }
}
