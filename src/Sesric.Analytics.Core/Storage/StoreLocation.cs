namespace Sesric.Analytics.Storage;

/// <summary>
/// Decides which store a command or the service opens: an explicit path (<c>--db PATH</c>), else
/// the <c>SESRIC_ANALYTICS_DB</c> environment variable, else <c>analytics.duckdb</c> in the user's data
/// directory (<c>~/.local/share/sesric-analytics/</c> on Linux).
/// </summary>
/// <remarks>A <c>postgresql://</c> (or <c>postgres://</c>) address names a PostgreSQL database instead of a DuckDB
/// file; it is passed through unchanged, and <see cref="Redact"/> hides its password wherever it is shown.</remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class StoreLocation
{
    /// <summary>The environment variable that names the default store file.</summary>
    public const string EnvironmentVariable = "SESRIC_ANALYTICS_DB";

    /// <summary>The folder created under the user's data directory.</summary>
    public const string FolderName = "sesric-analytics";

    /// <summary>The default file name.</summary>
    public const string FileName = "analytics.duckdb";

    /// <summary>Resolves the store path from the process environment.</summary>
    /// <param name="explicitPath">The <c>--db</c> value, or null when not given.</param>
    /// <returns>An absolute path (or <c>:memory:</c> when that is asked for explicitly).</returns>
    public static string Resolve(string? explicitPath) =>
        Resolve(
            explicitPath,
            Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Resolves the store path from the given environment (for callers and tests that supply their own).</summary>
    /// <param name="explicitPath">The <c>--db</c> value, or null when not given.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="userDataDirectory">The user's local application-data folder, or empty/null when the platform has none.</param>
    /// <param name="homeDirectory">The user's home folder, used for <c>~/.local/share</c> when there is no data folder.</param>
    /// <exception cref="InvalidOperationException">No path was given and neither a data folder nor a home folder is known.</exception>
    public static string Resolve(string? explicitPath, Func<string, string?> environment, string? userDataDirectory, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Normalise(explicitPath);
        }
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Normalise(fromEnvironment);
        }
        string dataDirectory;
        if (!string.IsNullOrWhiteSpace(userDataDirectory))
        {
            dataDirectory = userDataDirectory;
        }
        else if (!string.IsNullOrWhiteSpace(homeDirectory))
        {
            dataDirectory = Path.Combine(homeDirectory, ".local", "share");
        }
        else
        {
            throw new InvalidOperationException(
                $"cannot choose a default store location: the user has no data or home folder. Pass --db PATH or set {EnvironmentVariable}.");
        }
        return Path.GetFullPath(Path.Combine(dataDirectory, FolderName, FileName));
    }

    /// <summary>Whether <paramref name="path"/> asks for a throw-away in-memory store instead of a file.</summary>
    public static bool IsInMemory(string path) => string.Equals(path.Trim(), ":memory:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="address"/> names a PostgreSQL database (<c>postgresql://</c> or <c>postgres://</c>) rather than a DuckDB file.</summary>
    public static bool IsPostgres(string? address)
    {
        var trimmed = address?.Trim() ?? "";
        return trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <paramref name="location"/> fit to print: an address (<c>scheme://user:password@host/…</c>, PostgreSQL or a
    /// mistyped other one) with its password replaced by <c>***</c> (<c>postgresql://user:***@host/db</c>); a file path unchanged.
    /// </summary>
    public static string Redact(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var separator = location.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return location;
        }
        var scheme = separator + 3;
        // The user information ends at the last '@' before the path: a password may itself hold '@' or ':'.
        var slash = location.IndexOf('/', scheme);
        var at = location.LastIndexOf('@', slash < 0 ? location.Length - 1 : slash);
        if (at < scheme)
        {
            return location;
        }
        var colon = location.IndexOf(':', scheme, at - scheme);
        return colon < 0 ? location : location[..(colon + 1)] + "***" + location[at..];
    }

    private static string Normalise(string path)
    {
        var trimmed = path.Trim();
        if (IsPostgres(trimmed))
        {
            return trimmed;
        }
        if (IsInMemory(trimmed))
        {
            return ":memory:";
        }
        if (trimmed == "~" || trimmed.StartsWith("~/", StringComparison.Ordinal))
        {
            // The shell expands ~ only at the start of a word; `--db=~/x.duckdb` reaches us unexpanded.
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            trimmed = Path.Combine(home, trimmed.Length > 2 ? trimmed[2..] : "");
        }
        return Path.GetFullPath(trimmed);
    }
}
