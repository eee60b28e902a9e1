using System.Text;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// The <c>@odata.nextLink</c> of a page: the request's own URL with <c>$skip</c> (and <c>$top</c>) moved on, so every page
/// is the same semantic query with another offset (cached and deterministic, perturbation included). The key parameter
/// is removed: a URL in a response body must never carry a key (Power Query adds its Web API key to every request itself).
/// </summary>
public static class ODataNextLink
{
    /// <summary>The next page's URL.</summary>
    /// <param name="requestUri">The request's URL.</param>
    /// <param name="skip">The next page's <c>$skip</c>.</param>
    /// <param name="top">What remains of the client's <c>$top</c>, or null when it gave none.</param>
    /// <param name="keyParameter">The query parameter that may carry the API key.</param>
    public static Uri For(Uri requestUri, long skip, long? top, string keyParameter)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var query = new StringBuilder();
        foreach (var part in requestUri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(part.Split('=', 2)[0].Replace('+', ' '));
            if (name is "$skip" or "$top" || string.Equals(name, keyParameter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            query.Append(query.Length == 0 ? '?' : '&').Append(part);
        }
        if (top is { } t)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append("$top=").Append(t.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        query.Append(query.Length == 0 ? '?' : '&').Append("$skip=").Append(skip.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new UriBuilder(requestUri) { Query = query.ToString() }.Uri;
    }
}
