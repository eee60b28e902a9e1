using Microsoft.OData;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// An OData response written into memory, then copied to the HTTP response in one asynchronous write: ODataLib's writer
/// is synchronous, and Kestrel refuses synchronous writes. A page is bounded (<see cref="ODataFeedRunner.MaxPageSize"/>).
/// </summary>
public sealed class BufferedODataMessage : IODataResponseMessage, IDisposable
{
    private readonly MemoryStream _body = new();
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

    /// <inheritdoc/>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <inheritdoc/>
    public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

    /// <inheritdoc/>
    public void SetHeader(string headerName, string headerValue)
    {
        if (headerValue is null)
        {
            _headers.Remove(headerName);
        }
        else
        {
            _headers[headerName] = headerValue;
        }
    }

    /// <inheritdoc/>
    public Stream GetStream() => _body;

    /// <summary>Sends the status, headers and body.</summary>
    public async Task CopyToAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = _body.Length;
        _body.Position = 0;
        await _body.CopyToAsync(response.Body, ct);
    }

    /// <inheritdoc/>
    public void Dispose() => _body.Dispose();
}
