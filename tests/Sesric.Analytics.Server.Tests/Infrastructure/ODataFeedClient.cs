using System.Net;

using Microsoft.OData;
using Microsoft.OData.Edm;

namespace Sesric.Analytics.Server.Tests.Infrastructure;

/// <summary>
/// A client of the OData feed built on ODataLib's reader (as an OData consumer is): it reads <c>$metadata</c> into an EDM
/// model and reads resource sets against it, following <c>@odata.nextLink</c> until the last page, adding the key to
/// every request as Power Query's Web API credential does (header, or the <c>api_key</c> parameter).
/// </summary>
public sealed class ODataFeedClient(string jsonAddress, string? key, bool keyInQuery = false) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>The feed's root.</summary>
    public Uri ServiceRoot { get; } = new(jsonAddress.TrimEnd('/') + "/odata/");

    /// <summary>The rows per page to ask for (<c>Prefer: odata.maxpagesize</c>), or null for the server's default.</summary>
    public int? MaxPageSize { get; init; }

    /// <summary>Every URL requested, in order.</summary>
    public List<Uri> Requested { get; } = [];

    /// <summary>Sends a GET for <paramref name="relative"/> (or an absolute URL) with the key; the response is buffered.</summary>
    public async Task<HttpResponseMessage> GetAsync(string relative)
    {
        var uri = new Uri(ServiceRoot, relative);
        if (key is not null && keyInQuery)
        {
            uri = new Uri(uri + (uri.Query.Length == 0 ? "?" : "&") + "api_key=" + Uri.EscapeDataString(key));
        }
        Requested.Add(uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (key is not null && !keyInQuery)
        {
            request.Headers.Add("x-api-key", key);
        }
        if (MaxPageSize is { } size)
        {
            request.Headers.Add("Prefer", $"odata.maxpagesize={size}");
        }
        var response = await _http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Reads <c>$metadata</c> with ODataLib's CSDL reader.</summary>
    public async Task<IEdmModel> ReadMetadataAsync()
    {
        using var response = await GetAsync("$metadata");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var reader = new ODataMessageReader(await Message.FromAsync(response), Settings(), new EdmModel());
        return reader.ReadMetadataDocument();
    }

    /// <summary>Reads the service document.</summary>
    public async Task<ODataServiceDocument> ReadServiceDocumentAsync(IEdmModel model)
    {
        using var response = await GetAsync("");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var reader = new ODataMessageReader(await Message.FromAsync(response), Settings(), model);
        return reader.ReadServiceDocument();
    }

    /// <summary>Reads every page of <paramref name="relative"/> (an entity set URL with its query options).</summary>
    public async Task<FeedResult> ReadAllAsync(IEdmModel model, string relative)
    {
        var set = model.EntityContainer.FindEntitySet(relative.Split('?')[0]);
        var rows = new List<ODataResource>();
        long? count = null;
        var pages = 0;
        var nextLinks = new List<Uri>();
        string? next = relative;
        while (next is not null)
        {
            using var response = await GetAsync(next);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            pages++;
            using var reader = new ODataMessageReader(await Message.FromAsync(response), Settings(), model);
            var resources = reader.CreateODataResourceSetReader(set, set.EntityType);
            next = null;
            while (resources.Read())
            {
                if (resources.State == ODataReaderState.ResourceEnd)
                {
                    rows.Add((ODataResource)resources.Item);
                }
                else if (resources.State == ODataReaderState.ResourceSetEnd)
                {
                    var page = (ODataResourceSet)resources.Item;
                    count ??= page.Count;
                    if (page.NextPageLink is { } link)
                    {
                        nextLinks.Add(link);
                        next = link.ToString();
                    }
                }
            }
            Assert.True(pages < 1000, "the feed's next links do not end");
        }
        return new FeedResult(rows, count, pages, nextLinks);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private ODataMessageReaderSettings Settings() => new()
    {
        BaseUri = ServiceRoot,
        ShouldIncludeAnnotation = _ => true,
        MaxProtocolVersion = ODataVersion.V4,
    };

    /// <summary>The rows read, the <c>@odata.count</c> of the first page, how many pages and the next links followed.</summary>
    public sealed record FeedResult(IReadOnlyList<ODataResource> Rows, long? Count, int Pages, IReadOnlyList<Uri> NextLinks)
    {
        /// <summary>The value of <paramref name="property"/> in <paramref name="row"/> (null when absent or null).</summary>
        public static object? Value(ODataResource row, string property) =>
            row.Properties.OfType<ODataProperty>().FirstOrDefault(p => p.Name == property)?.Value;

        /// <summary>The property itself, for its annotations.</summary>
        public static ODataProperty? Property(ODataResource row, string property) =>
            row.Properties.OfType<ODataProperty>().FirstOrDefault(p => p.Name == property);
    }

    /// <summary>An HTTP response as ODataLib's reader takes it.</summary>
    private sealed class Message : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
        private Stream _body = Stream.Null;

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public int StatusCode { get; set; }

        public static async Task<Message> FromAsync(HttpResponseMessage response)
        {
            var message = new Message { StatusCode = (int)response.StatusCode, _body = new MemoryStream(await response.Content.ReadAsByteArrayAsync()) };
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                message._headers[name] = string.Join(", ", values);
            }
            return message;
        }

        public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => _body;
    }
}
