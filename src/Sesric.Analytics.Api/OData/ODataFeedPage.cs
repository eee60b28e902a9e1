using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Api.OData;

/// <summary>One page of a feed answer.</summary>
/// <param name="Request">The translated request.</param>
/// <param name="Table">The page's rows as the semantic engine returned them (its metadata counts every page).</param>
/// <param name="Next">Where the next page starts and how many rows of the client's <c>$top</c> remain; null on the last page.</param>
public sealed record ODataFeedPage(ODataFeedQuery Request, ResultTable Table, (long Skip, long? Top)? Next);
