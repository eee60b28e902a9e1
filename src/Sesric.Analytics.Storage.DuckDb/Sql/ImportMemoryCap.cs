using System.Globalization;

using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// Caps DuckDB's memory (<c>memory_limit</c>) while an import runs and puts the previous limit back afterwards, so that
/// a large import spills its work tables, sorts and hash tables to a temporary folder beside the store file instead of
/// growing the process.
/// </summary>
/// <remarks>
/// <para>Sound only since migration 010: with the registry's primary keys, DuckDB built their ART indexes in memory that
/// never spills, and a low limit failed the import ("failed to pin block"). Everything an import holds now can spill.</para>
/// <para>The setting belongs to the database instance, so reads that run during the import share the cap (they spill
/// too, and the store's queries are small). Writes are serialised per file, so two imports never set it at once.</para>
/// <para>DuckDB's temporary folder for a store file is <c>&lt;file&gt;.tmp</c> by default; it is set to that only when
/// none is set (DuckDB refuses to switch the folder once it has been used), and DuckDB removes its files.</para>
/// </remarks>
internal sealed class ImportMemoryCap : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _previousLimit;

    private ImportMemoryCap(DuckDBConnection connection, string previousLimit)
    {
        _connection = connection;
        _previousLimit = previousLimit;
    }

    /// <summary>Sets <c>memory_limit</c> to <paramref name="limitBytes"/> (and the temporary folder, when none is set).</summary>
    /// <returns>What puts the previous limit back when disposed.</returns>
    public static ImportMemoryCap Apply(DuckDBConnection connection, long limitBytes, string temporaryDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        var previous = Setting(connection, "memory_limit");
        if (Setting(connection, "temp_directory").Length == 0)
        {
            connection.Execute($"SET temp_directory = '{temporaryDirectory.Replace("'", "''", StringComparison.Ordinal)}'");
        }
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{limitBytes / 1024}KiB'"));
        return new ImportMemoryCap(connection, previous);
    }

    /// <summary>Puts the previous limit back.</summary>
    public void Dispose()
    {
        try
        {
            // DuckDB shows a limit rounded ("18.8 GiB"), so setting the shown text back would not give DuckDB's own
            // default exactly: reset to the default, and set the shown value only when it was not the default.
            _connection.Execute("RESET memory_limit");
            if (Setting(_connection, "memory_limit") != _previousLimit)
            {
                _connection.Execute($"SET memory_limit = '{_previousLimit.Replace("'", "''", StringComparison.Ordinal)}'");
            }
        }
        catch (DuckDBException)
        {
            // An invalidated database refuses every statement; the import's own error says why, and a reopened
            // store starts with DuckDB's default limit.
        }
    }

    private static string Setting(DuckDBConnection connection, string name)
    {
        using var command = connection.Command($"SELECT CAST(current_setting('{name}') AS VARCHAR)");
        return command.ExecuteScalar() as string ?? "";
    }
}
