using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Auditing;

/// <summary>
/// Appends <see cref="AuditRecord"/>s to a JSON-lines file, one line per record, flushed at once (an audit line must
/// survive a crash of the process), and rotates the file by size: <c>audit.jsonl</c> becomes <c>audit.jsonl.1</c>, the
/// older ones shift up, and more than <see cref="AuditOptions.Keep"/> are deleted.
/// </summary>
/// <threadsafety>Safe to share; writes are serialised.</threadsafety>
public sealed class AuditLog : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly AuditOptions _options;
    private readonly Lock _gate = new();
    private FileStream? _file;

    /// <summary>Opens (or creates) the audit file, or does nothing when <see cref="AuditOptions.Path"/> is empty.</summary>
    public AuditLog(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (Enabled)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path!))!);
                _file = Open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ServiceConfigurationException($"{SesricOptions.Section}:Audit:Path = '{options.Path}' cannot be written: {e.Message}");
            }
        }
    }

    /// <summary>Whether records are written.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(_options.Path);

    /// <summary>The audit file's path, or null when off.</summary>
    public string? Path => Enabled ? _options.Path : null;

    /// <summary>Appends one record (nothing when the audit log is off).</summary>
    public void Write(AuditRecord record)
    {
        if (!Enabled)
        {
            return;
        }
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        lock (_gate)
        {
            if (_file is null)
            {
                return;
            }
            if (_file.Length > 0 && _file.Length + line.Length > _options.MaxBytes)
            {
                Rotate();
            }
            _file.Write(line);
            _file.Flush(flushToDisk: false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private FileStream Open() => new(_options.Path!, FileMode.Append, FileAccess.Write, FileShare.Read);

    private void Rotate()
    {
        _file!.Dispose();
        var path = _options.Path!;
        var keep = Math.Max(1, _options.Keep);
        File.Delete($"{path}.{keep}");
        for (var i = keep - 1; i >= 1; i--)
        {
            if (File.Exists($"{path}.{i}"))
            {
                File.Move($"{path}.{i}", $"{path}.{i + 1}");
            }
        }
        File.Move(path, $"{path}.1");
        _file = Open();
    }
}
