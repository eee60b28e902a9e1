using Npgsql;

namespace Sesric.Analytics.Storage.Postgres.Sql;

/// <summary>Small helpers to run SQL with positional <c>$1..$n</c> parameters on one connection.</summary>
/// <remarks>Npgsql binds unnamed parameters to <c>$1</c>, <c>$2</c>, … in the order they are added, the same
/// placeholders the DuckDB store and the semantic engine write.</remarks>
internal static class PgCommands
{
    /// <summary>Creates a command with its parameters bound in order (null becomes SQL NULL).</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public static int Execute(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a statement and returns its first value as a long (0 when it returns no row or NULL).</summary>
    public static long ScalarLong(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteScalar() switch
        {
            long l => l,
            int i => i,
            short s => s,
            decimal m => (long)m,
            double d => (long)d,
            _ => 0,
        };
    }

    /// <summary>Runs a query and returns its first column as text, one value a row.</summary>
    public static List<string> Strings(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var values = new List<string>();
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>Runs a query and returns its first column as longs, one value a row.</summary>
    public static List<long> Longs(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var values = new List<long>();
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }
        return values;
    }

    /// <summary>
    /// Runs a statement that returns no rows; returns the rows it changed. When <paramref name="cancellationToken"/> fires
    /// while the statement runs, Npgsql asks the server to cancel it and this throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, CancellationToken cancellationToken, string sql, params object?[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ScalarLong"/>, cancelling the statement on the server when <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<long> ScalarLongAsync(this NpgsqlConnection connection, CancellationToken cancellationToken, string sql, params object?[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) switch
        {
            long l => l,
            int i => i,
            short s => s,
            decimal m => (long)m,
            double d => (long)d,
            _ => 0,
        };
    }

    /// <summary>As <see cref="Strings"/>, cancelling the statement on the server when <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<List<string>> StringsAsync(this NpgsqlConnection connection, CancellationToken cancellationToken, string sql, params object?[] parameters)
    {
        var values = new List<string>();
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>As <see cref="Longs"/>, cancelling the statement on the server when <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<List<long>> LongsAsync(this NpgsqlConnection connection, CancellationToken cancellationToken, string sql, params object?[] parameters)
    {
        var values = new List<long>();
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetInt64(0));
        }
        return values;
    }
}
