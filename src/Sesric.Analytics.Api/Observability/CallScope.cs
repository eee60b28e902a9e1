using System.Collections;

namespace Sesric.Analytics.Api.Observability;

/// <summary>
/// The logging scope of one gRPC call: its request id and method, as the key-value pairs scope-aware sinks (the JSON
/// console, OTLP) carry. Every call opens one, so it is one small object rather than a dictionary.
/// </summary>
internal sealed class CallScope(string requestId, string method) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <inheritdoc/>
    public int Count => 2;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RequestId", requestId),
        1 => new("Method", method),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The scope as the plain console prints it.</summary>
    public override string ToString() => $"RequestId:{requestId} Method:{method}";
}
