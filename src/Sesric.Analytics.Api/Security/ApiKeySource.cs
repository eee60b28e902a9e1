using System.Security.Cryptography;

using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// The keys the service accepts now: the configured ones and the key file's, reloaded while the service runs when
/// the key file changes (<see cref="KeyFileReloader"/>). A key file that cannot be read keeps the previous keys.
/// </summary>
/// <threadsafety>Safe to share: readers see one registry or the next, never a mix.</threadsafety>
public sealed class ApiKeySource
{
    private readonly SesricOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private ApiKeyRegistry _current;
    private IReadOnlyList<KeyFileEntry> _fileKeys;
    private byte[]? _fileHash;

    /// <summary>Starts from the registry <see cref="ApiKeySetup"/> built and the key file entries it read.</summary>
    public ApiKeySource(ApiKeyRegistry initial, IReadOnlyList<KeyFileEntry> fileKeys, SesricOptions options, ILogger<ApiKeySource> logger)
    {
        _current = initial;
        _fileKeys = fileKeys;
        _options = options;
        _logger = logger;
        _fileHash = HashOf(options.KeyFile);
    }

    /// <summary>Raised after a reload changed the key file's entries: the entries before and after.</summary>
    public event Action<IReadOnlyList<KeyFileEntry>, IReadOnlyList<KeyFileEntry>>? Changed;

    /// <summary>The keys accepted now.</summary>
    public ApiKeyRegistry Current => Volatile.Read(ref _current);

    /// <summary>The key file's entries as last read.</summary>
    public IReadOnlyList<KeyFileEntry> FileKeys => Volatile.Read(ref _fileKeys);

    /// <summary>Reads the key file again when its bytes changed; returns whether the keys were replaced.</summary>
    public bool ReloadIfChanged()
    {
        if (string.IsNullOrWhiteSpace(_options.KeyFile))
        {
            return false;
        }
        lock (_reloading)
        {
            byte[]? hash;
            try
            {
                hash = HashOf(_options.KeyFile);
            }
            catch (IOException e)
            {
                _logger.LogError("The key file {KeyFile} cannot be read ({Reason}); the previous keys stay in force", _options.KeyFile, e.Message);
                return false;
            }
            if (hash is not null && _fileHash is not null && hash.AsSpan().SequenceEqual(_fileHash))
            {
                return false;
            }
            try
            {
                var entries = KeyFile.Load(_options.KeyFile);
                var registry = new ApiKeyRegistry(_options.ApiKeys, entries);
                var before = _fileKeys;
                Volatile.Write(ref _current, registry);
                Volatile.Write(ref _fileKeys, entries);
                _fileHash = hash;
                _logger.LogInformation("Reloaded the key file {KeyFile}: {Count} keys", _options.KeyFile, entries.Count);
                Changed?.Invoke(before, entries);
                return true;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                _logger.LogError("The key file {KeyFile} was not reloaded ({Reason}); the previous keys stay in force", _options.KeyFile, e.Message);
                _fileHash = hash;
                return false;
            }
        }
    }

    private static byte[]? HashOf(string? path) =>
        string.IsNullOrWhiteSpace(path) || !File.Exists(path) ? null : SHA256.HashData(File.ReadAllBytes(path));
}
