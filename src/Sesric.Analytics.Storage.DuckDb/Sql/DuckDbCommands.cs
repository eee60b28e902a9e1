using DuckDB.NET.Data;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>Small helpers to run SQL with positional <c>$1..$n</c> parameters on one connection.</summary>
/// <remarks>DuckDB.NET binds unnamed parameters to <c>$1</c>, <c>$2</c>, … in the order they are added.</remarks>
internal static class DuckDbCommands
{
    /// <summary>Creates a command with its parameters bound in order (null becomes SQL NULL).</summary>
    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }
        return command;
    }

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public static int Execute(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a statement and returns its first value as a long (0 when it returns no row or NULL).</summary>
    public static long ScalarLong(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return DuckDbValues.ToPlain(command.ExecuteScalar()) switch
        {
            long l => l,
            double d => (long)d,
            _ => 0,
        };
    }
}
