namespace Sesric.Analytics.Api.OData;

/// <summary>
/// A feed request refused before or while it ran: the HTTP status, the OData error code, the part of the request at
/// fault (<c>$filter</c>, <c>$apply</c>, <c>api_key</c>…) and what to do instead. Written as an OData error.
/// </summary>
public sealed class ODataFeedException(int status, string code, string target, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The OData error code (the service's error reasons: <c>INVALID_QUERY</c>, <c>API_KEY_MISSING</c>…).</summary>
    public string Code { get; } = code;

    /// <summary>The part of the request at fault: a query option (<c>$filter</c>), the key, the entity set.</summary>
    public string Target { get; } = target;

    /// <summary>A 400 naming the query option <paramref name="clause"/>; the message starts with it.</summary>
    public static ODataFeedException BadClause(string clause, string problem) =>
        new(400, Errors.ErrorReasons.InvalidQuery, clause, $"{clause}: {problem}");
}
