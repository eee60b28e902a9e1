using Npgsql;

using Sesric.Analytics.Storage.Postgres.Sql;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// The import's staging writes PostgreSQL's binary COPY format itself (<see cref="BinaryCopyWriter"/>): what it writes
/// must read back as the values given, through a real server, for every column type the staging uses; a row with the
/// wrong number of fields must be refused before it is sent, and a COPY left uncompleted must add nothing.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class BinaryCopyWriterTests
{
    private const string Copy = "COPY copied (t, i, b, f, d) FROM STDIN (FORMAT BINARY)";

    [Fact]
    public async Task Every_staged_type_reads_back_as_written_through_the_server()
    {
        await using var connection = await OpenAsync("copy_values");
        // Longer than the writer's buffer, and not ASCII: its UTF-8 bytes outnumber its characters.
        var longText = string.Concat(Enumerable.Repeat("é-ك-", 30_000));
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, Copy, fieldsPerRow: 5, CancellationToken.None))
        {
            copy.StartRow();
            copy.Write("g001-000001");
            copy.Write(-7);
            copy.Write(long.MaxValue);
            copy.Write(true);
            copy.Write(new DateOnly(2000, 1, 1));
            copy.StartRow();
            copy.WriteOrNull((string?)null);
            copy.WriteNull();
            copy.WriteNull();
            copy.Write(false);
            copy.Write(new DateOnly(1999, 12, 31));
            copy.StartRow();
            copy.Write(longText);
            copy.Write(int.MaxValue);
            copy.Write(-1L);
            copy.WriteNull();
            copy.Write(new DateOnly(2026, 12, 5));
            // Enough rows to flush the buffer many times over.
            for (var i = 0; i < 20_000; i++)
            {
                copy.StartRow();
                copy.Write($"p{i}");
                copy.Write(i);
                copy.Write((long)i * 3);
                copy.Write(i % 2 == 0);
                copy.Write(new DateOnly(2020, 1, 1).AddDays(i % 400));
            }
            await copy.CompleteAsync(CancellationToken.None);
        }

        var rows = new List<(string? T, int? I, long? B, bool? F, DateOnly D)>();
        await using (var command = new NpgsqlCommand("SELECT t, i, b, f, d FROM copied ORDER BY n", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetBoolean(3),
                    reader.GetFieldValue<DateOnly>(4)));
            }
        }
        Assert.Equal(20_003, rows.Count);
        Assert.Equal(("g001-000001", -7, long.MaxValue, true, new DateOnly(2000, 1, 1)), rows[0]);
        Assert.Equal((null, null, null, false, new DateOnly(1999, 12, 31)), rows[1]);
        Assert.Equal((longText, int.MaxValue, -1L, null, new DateOnly(2026, 12, 5)), rows[2]);
        Assert.Equal(("p19999", 19_999, 59_997L, false, new DateOnly(2020, 1, 1).AddDays(19_999 % 400)), rows[^1]);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_is_refused_and_an_uncompleted_copy_adds_nothing()
    {
        await using var connection = await OpenAsync("copy_refused");
        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, Copy, fieldsPerRow: 5, CancellationToken.None))
        {
            copy.StartRow();
            copy.Write("only");
            copy.Write(1);
            var refused = Assert.Throws<InvalidOperationException>(copy.StartRow);
            Assert.Contains("2 fields where the copy has 5", refused.Message, StringComparison.Ordinal);
        }

        // Disposed without completing: the COPY was cancelled, and the connection serves the next statement.
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM copied", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private static async Task<NpgsqlConnection> OpenAsync(string prefix)
    {
        var address = PostgresAddress.Parse(PostgresCluster.Shared.CreateUniqueDatabase(prefix));
        var connection = new NpgsqlConnection(address.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            "CREATE TABLE copied (n BIGINT GENERATED ALWAYS AS IDENTITY, t VARCHAR, i INTEGER, b BIGINT, f BOOLEAN, d DATE NOT NULL)", connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }
}
