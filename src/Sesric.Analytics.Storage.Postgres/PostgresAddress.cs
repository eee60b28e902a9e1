using System.Globalization;

using Npgsql;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// A PostgreSQL store address, <c>postgresql://user[:password]@host[:port]/database[?pool=N]</c> (also
/// <c>postgres://</c>), read into Npgsql's connection settings, with a form safe to print.
/// </summary>
/// <remarks>
/// The password, when the address carries one, is never shown: <see cref="Display"/> and every error message
/// name the user, host, port and database only. A password may also come from <c>PGPASSWORD</c> or
/// <c>~/.pgpass</c>, which Npgsql reads itself; putting it in the address is for tests and local use.
/// <c>pool</c> bounds the connections one process opens (default <see cref="DefaultPoolSize"/>).
/// </remarks>
/// <threadsafety>Immutable.</threadsafety>
public sealed class PostgresAddress
{
    /// <summary>Connections one process keeps at most, unless the address says <c>?pool=N</c>.</summary>
    public const int DefaultPoolSize = 20;

    private PostgresAddress(NpgsqlConnectionStringBuilder settings, string display)
    {
        Settings = settings;
        Display = display;
    }

    /// <summary>The address without its password: <c>postgresql://user@host:port/database</c>.</summary>
    public string Display { get; }

    /// <summary>The database name.</summary>
    public string Database => Settings.Database!;

    internal NpgsqlConnectionStringBuilder Settings { get; }

    /// <summary>Whether <paramref name="address"/> names a PostgreSQL store (rather than a DuckDB file).</summary>
    public static bool IsPostgres(string? address) => StoreLocation.IsPostgres(address);

    /// <summary>Reads an address.</summary>
    /// <exception cref="ArgumentException">The address is not a postgresql:// URL with a host and a database (the message never holds the password).</exception>
    public static PostgresAddress Parse(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var text = address.Trim();
        if (!IsPostgres(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{Redact(text)}' is not a PostgreSQL address; use postgresql://user@host:port/database.", nameof(address));
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (uri.Host.Length == 0 || database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"the PostgreSQL address '{Redact(text)}' needs a host and one database name: postgresql://user@host:port/database.", nameof(address));
        }
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database,
            MaxPoolSize = DefaultPoolSize,
            // A replica must notice a database that went away quickly (health) and not hang a call for long.
            Timeout = 5,
            // Npgsql's own reset of a pooled connection (DISCARD ALL) drops the temp tables an import leaves on failure.
            NoResetOnClose = false,
        };
        var user = "";
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            settings.Username = user;
            if (colon >= 0)
            {
                settings.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "pool" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pool) && pool is > 0 and <= 1000:
                    settings.MaxPoolSize = pool;
                    break;
                case "sslmode" when Enum.TryParse<SslMode>(value, ignoreCase: true, out var ssl):
                    settings.SslMode = ssl;
                    break;
                default:
                    throw new ArgumentException(
                        $"the PostgreSQL address '{Redact(text)}' has the setting '{name}={value}', which is not one of pool=1..1000 or sslmode=disable|prefer|require|verify-ca|verify-full.",
                        nameof(address));
            }
        }
        var display = $"postgresql://{(user.Length > 0 ? Uri.EscapeDataString(user) + "@" : "")}{settings.Host}:{settings.Port}/{database}";
        return new PostgresAddress(settings, display);
    }

    /// <summary><paramref name="address"/> with any password replaced by <c>***</c> (for messages about addresses that did not parse).</summary>
    public static string Redact(string address) => StoreLocation.Redact(address);

    /// <inheritdoc/>
    public override string ToString() => Display;
}
