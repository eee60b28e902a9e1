using System.Net.Sockets;

using Npgsql;

namespace Sesric.Analytics.Storage.Postgres.Sql;

/// <summary>
/// Tells a failure of the database server (unreachable, shut down, out of disk) from a failure of a statement, so
/// callers get a <see cref="StoreFaultException"/> they can report as the store's state instead of an internal error.
/// </summary>
/// <remarks>By SQLSTATE class where the server answered (08 connection, 57P01-57P03 shutdown, 53100 disk full,
/// XX001/XX002 damaged data), and by exception type where it did not (a socket error or a timeout opening a connection).</remarks>
internal static class PostgresFaults
{
    /// <summary>The store fault <paramref name="exception"/> describes, or null for an ordinary statement error.</summary>
    public static StoreFaultException? Classify(Exception exception, string location)
    {
        if (exception is StoreFaultException already)
        {
            return already;
        }
        StoreFaultKind? kind = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.DiskFull } => StoreFaultKind.DiskFull,
            PostgresException { SqlState: PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted } => StoreFaultKind.Corrupt,
            PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } when exception.Message.Contains("recovery", StringComparison.OrdinalIgnoreCase) => StoreFaultKind.NotWritable,
            PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => StoreFaultKind.Unreachable,
            PostgresException => null,
            NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => StoreFaultKind.Unreachable,
            NpgsqlException n when n.IsTransient => StoreFaultKind.Unreachable,
            _ => null,
        };
        return kind is { } k ? new StoreFaultException(k, location, FirstLine(exception), exception) : null;
    }

    private static string FirstLine(Exception exception)
    {
        var message = exception.InnerException is SocketException socket ? $"{exception.Message} ({socket.Message})" : exception.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        var line = newline < 0 ? message : message[..newline];
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
