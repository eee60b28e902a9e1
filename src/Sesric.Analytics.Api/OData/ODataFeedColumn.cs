namespace Sesric.Analytics.Api.OData;

/// <summary>One property a feed row carries: its name in the payload and the result column it is read from.</summary>
/// <param name="Name">The property name written (a model member, or an <c>$apply</c> alias).</param>
/// <param name="Source">The result table's column (the dimension or measure name).</param>
public sealed record ODataFeedColumn(string Name, string Source);
