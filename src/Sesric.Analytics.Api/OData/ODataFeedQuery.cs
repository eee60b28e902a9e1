using Microsoft.OData;

using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.OData;

/// <summary>A feed request translated for the semantic engine.</summary>
/// <param name="Query">The semantic query: measures, dimensions, filter, order and policy; no page (the runner pages it).</param>
/// <param name="Columns">The properties each row carries, in order: the grouping's, then the measures'.</param>
/// <param name="Top">The client's <c>$top</c>, or null.</param>
/// <param name="Skip">The client's <c>$skip</c> (0 when absent).</param>
/// <param name="Count">Whether <c>$count=true</c> asked for the total.</param>
/// <param name="Uri">The parsed request, for the response's context URL.</param>
public sealed record ODataFeedQuery(SemanticQuery Query, IReadOnlyList<ODataFeedColumn> Columns, long? Top, long Skip, bool Count, ODataUri Uri);
