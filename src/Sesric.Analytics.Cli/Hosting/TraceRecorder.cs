using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Sesric.Analytics.Telemetry;

namespace Sesric.Analytics.Cli.Hosting;

/// <summary>
/// Records the libraries' spans of one command (<c>--trace FILE</c>) and writes them as an indented JSON tree: each
/// span with its start, duration in milliseconds, attributes and children in start order, so that a slow
/// <c>report annual</c> can be taken apart without a profiler.
/// </summary>
/// <remarks>
/// Only spans of this command's trace are kept: in-process hosts (tests) may run other commands at the same time.
/// The root span is named after the command path (<c>sesric report annual</c>), never its arguments, which may hold
/// filter values; the libraries' spans carry shapes only (see <see cref="SesricTelemetry"/>).
/// </remarks>
public sealed class TraceRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly AsyncLocal<bool> _recording = new();
    private readonly List<Activity> _finished = [];
    private readonly Activity? _root;

    /// <summary>Starts listening and opens the root span <paramref name="name"/> in the caller's async flow.</summary>
    public TraceRecorder(string name)
    {
        _recording.Value = true;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SesricTelemetry.Name,
            // Only this command's flow: the AsyncLocal is set here and flows into the command's tasks, nowhere else.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => _recording.Value ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
        _root = SesricTelemetry.Source.StartActivity(name, ActivityKind.Internal, parentContext: default);
    }

    /// <summary>Ends the root span with the command's exit code and writes the tree to <paramref name="path"/>.</summary>
    public async Task WriteAsync(string path, int exitCode, CancellationToken cancellationToken)
    {
        if (_root is null)
        {
            return;
        }
        _root.SetTag("sesric.exit_code", exitCode);
        _root.SetStatus(exitCode == 0 ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        _root.Stop();
        Activity[] spans;
        lock (_finished)
        {
            spans = [.. _finished.Where(a => a.TraceId == _root.TraceId)];
        }
        var document = new JsonObject
        {
            ["traceId"] = _root.TraceId.ToString(),
            ["spans"] = new JsonArray(Node(_root, spans)),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _root?.Dispose();
        _listener.Dispose();
    }

    private void Stopped(Activity activity)
    {
        lock (_finished)
        {
            _finished.Add(activity);
        }
    }

    private static JsonObject Node(Activity span, Activity[] all)
    {
        var node = new JsonObject
        {
            ["name"] = span.OperationName,
            ["spanId"] = span.SpanId.ToString(),
            ["start"] = span.StartTimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["durationMs"] = Math.Round(span.Duration.TotalMilliseconds, 3),
        };
        if (span.Status != ActivityStatusCode.Unset)
        {
            node["status"] = span.Status == ActivityStatusCode.Ok ? "ok" : "error";
        }
        var attributes = new JsonObject();
        foreach (var (key, value) in span.TagObjects)
        {
            attributes[key] = value switch
            {
                null => null,
                bool b => JsonValue.Create(b),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
            };
        }
        if (attributes.Count > 0)
        {
            node["attributes"] = attributes;
        }
        var children = all.Where(a => a.ParentSpanId == span.SpanId).OrderBy(a => a.StartTimeUtc).ToArray();
        if (children.Length > 0)
        {
            node["children"] = new JsonArray([.. children.Select(c => (JsonNode)Node(c, all))]);
        }
        return node;
    }
}
