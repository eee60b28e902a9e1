namespace Sesric.Analytics.Semantic;

/// <summary>How a compiled statement keeps a query within its <see cref="DataScope"/>.</summary>
internal enum ScopeHandling
{
    /// <summary>Nothing to add: the scope is unrestricted, or the caller's own filter already admits only rows in scope.</summary>
    None,

    /// <summary>The scope's condition is ANDed with the filter in every block of the statement.</summary>
    Condition,

    /// <summary>
    /// The condition is left out and the statement returns one more column, <see cref="SqlCompiler.OutsideScopeColumn"/>,
    /// counting the editions outside the scope, read in the same statement (so from the same snapshot) as the figures.
    /// The rows are the scoped answer only when that count is 0; otherwise they must be thrown away unread.
    /// </summary>
    Probed,
}
