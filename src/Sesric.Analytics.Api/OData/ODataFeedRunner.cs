using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Api.Statistics;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// The one place where a feed request becomes a semantic query and runs: it picks the disclosure policy from the entity
/// set and checks the caller may use it, translates the request (<see cref="ODataRequestTranslator"/>), and runs one page
/// on the service's gated, cached engine seen through the caller's scope (<see cref="CallerStatistics"/>), as the gRPC
/// statistics service does.
/// </summary>
/// <remarks>Any rule that narrows what a caller may query (roles, scopes) belongs here, so that it applies to every feed
/// request. A key scoped to programmes gets rows of those programmes only; a <c>$filter</c> naming another programme is
/// refused (<see cref="OutOfScopeException"/>, 403).</remarks>
/// <threadsafety>Safe to share.</threadsafety>
public sealed class ODataFeedRunner(CallerStatistics statistics, ODataFeedModel feed)
{
    /// <summary>The rows per page when the client states no preference.</summary>
    public const int DefaultPageSize = 1000;

    /// <summary>The most rows a page holds, whatever the client prefers.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>The feed's model.</summary>
    public ODataFeedModel Feed => feed;

    /// <summary>The disclosure policy of <paramref name="entitySet"/>, after checking <paramref name="caller"/> may use it.</summary>
    /// <exception cref="ODataFeedException">404 for an unknown set; 403 for the internal set below the analyst role.</exception>
    public static DisclosurePolicy PolicyFor(string entitySet, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (entitySet)
        {
            case ODataFeedModel.PublicSet:
                return DisclosurePolicy.PublicDefault;
            case ODataFeedModel.InternalSet:
                if (!caller.Has(Role.Analyst))
                {
                    throw new ODataFeedException(403, Errors.ErrorReasons.RoleTooLow, entitySet,
                        $"{ODataFeedModel.InternalSet} (the internal policy) needs the 'analyst' role; key '{caller.Name}' has '{caller.Role.ToString().ToLowerInvariant()}'. Use {ODataFeedModel.PublicSet} instead.");
                }
                return DisclosurePolicy.Internal;
            default:
                throw new ODataFeedException(404, Errors.ErrorReasons.NotFound, entitySet,
                    $"'{entitySet}' is not an entity set of this feed; use {ODataFeedModel.PublicSet} or {ODataFeedModel.InternalSet}.");
        }
    }

    /// <summary>Translates and runs one page of the request for <paramref name="entitySet"/>.</summary>
    /// <param name="entitySet">The entity set the URL names.</param>
    /// <param name="caller">The authenticated caller.</param>
    /// <param name="serviceRoot">The feed's root URL (ending in <c>/</c>).</param>
    /// <param name="requestUri">The whole request URL.</param>
    /// <param name="pageSize">The most rows this page may hold (server-driven paging).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="ODataFeedException">The set, the caller's role or a query option refuse the request.</exception>
    /// <exception cref="QueryException">The semantic engine refuses the translated query.</exception>
    /// <exception cref="OutOfScopeException">The query names a programme outside the caller's scope.</exception>
    public async Task<ODataFeedPage> RunAsync(string entitySet, Caller caller, Uri serviceRoot, Uri requestUri, int pageSize, CancellationToken ct)
    {
        var policy = PolicyFor(entitySet, caller);
        var request = ODataRequestTranslator.Translate(feed, serviceRoot, requestUri, policy);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var limit = request.Top is { } top ? (int)Math.Min(top, size) : size;
        if (request.Skip > int.MaxValue)
        {
            throw ODataFeedException.BadClause("$skip", $"{request.Skip} is more rows than any answer has.");
        }
        var table = await statistics.For(caller).ExecuteAsync(request.Query.Page(limit, (int)request.Skip), ct);
        var returned = table.Rows.Count;
        var end = request.Skip + returned;
        var remainingTop = request.Top - returned;
        var more = returned > 0 && end < table.Metadata.TotalRows && remainingTop is null or > 0;
        return new ODataFeedPage(request, table, more ? (end, remainingTop) : null);
    }
}
