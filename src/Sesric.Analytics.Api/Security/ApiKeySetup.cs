using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// Decides which keys the service accepts at start: the configured ones; in the Development environment
/// with none configured, one freshly generated admin key (printed once at start); in any other
/// environment with none configured, no start at all.
/// </summary>
public static class ApiKeySetup
{
    /// <summary>The name of the generated development key.</summary>
    public const string DevelopmentKeyName = "local-development";

    /// <summary>The keys accepted, and the generated development key when one was made.</summary>
    /// <param name="Registry">The accepted keys.</param>
    /// <param name="GeneratedKey">The generated development key (printed once at start, never logged), or null.</param>
    /// <param name="FileKeys">The key file's entries as read at start.</param>
    public sealed record Result(ApiKeyRegistry Registry, string? GeneratedKey, IReadOnlyList<KeyFileEntry> FileKeys);

    /// <summary>The registry, and the generated key when one was made.</summary>
    public static Result Resolve(SesricOptions options, bool isDevelopment)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            if (!File.Exists(options.KeyFile))
            {
                throw new ServiceConfigurationException(
                    $"{SesricOptions.Section}:KeyFile = '{options.KeyFile}' does not exist; create it with a first key: sesric keys create --file {options.KeyFile} --name NAME --role admin");
            }
        }
        if (options.ApiKeys.Count > 0 || !string.IsNullOrWhiteSpace(options.KeyFile))
        {
            try
            {
                var fileKeys = string.IsNullOrWhiteSpace(options.KeyFile) ? [] : KeyFile.Load(options.KeyFile);
                return new Result(new ApiKeyRegistry(options.ApiKeys, fileKeys), null, fileKeys);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
            {
                throw new ServiceConfigurationException(e.Message);
            }
        }
        if (!isDevelopment)
        {
            throw new ServiceConfigurationException(
                "no API keys are configured (Sesric:ApiKeys or Sesric:KeyFile), and outside the Development environment the service refuses to start without them. "
                + "Add at least one under Sesric:ApiKeys (Name, Sha256 = the key's SHA-256 hex digest from `printf %s \"$KEY\" | sha256sum`, Role = Reader|Analyst|Admin), "
                + "for example with environment variables Sesric__ApiKeys__0__Name=ops Sesric__ApiKeys__0__Sha256=<digest> Sesric__ApiKeys__0__Role=Admin; "
                + "or run with ASPNETCORE_ENVIRONMENT=Development to get a printed local key.");
        }
        var key = ApiKeyRegistry.NewKey();
        var registry = new ApiKeyRegistry([new ApiKeyOptions { Name = DevelopmentKeyName, Sha256 = ApiKeyRegistry.Hash(key), Role = Role.Admin }]);
        return new Result(registry, key, []);
    }
}
