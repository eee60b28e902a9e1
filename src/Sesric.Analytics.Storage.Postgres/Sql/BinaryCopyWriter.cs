using System.Buffers.Binary;
using System.Text;

using Npgsql;

namespace Sesric.Analytics.Storage.Postgres.Sql;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (a signature, then per row a field count and each field as a length and
/// its bytes in network order, then a trailer) onto Npgsql's raw COPY stream, for the import's staging.
/// </summary>
/// <remarks>
/// <para>Why not <see cref="NpgsqlBinaryImporter"/>: each of its <c>Write</c> calls binds a parameter, resolves its type
/// and runs a state machine, about 120 ns a value; at a million rows of fourteen values that was 1.7 s of the client's
/// CPU (<c>perf</c>, 2026-12-05), more than parsing the file, so it bounded the staging. Here a value is a few bytes
/// copied into a buffer. The columns' types are the caller's to match: <c>text</c>/<c>varchar</c> from a string (UTF-8,
/// the connection's encoding), <c>integer</c>, <c>bigint</c>, <c>boolean</c> and <c>date</c>.</para>
/// <para>Each row must have exactly the number of fields given when the copy began; a wrong count throws before anything
/// more is sent. Disposing without <see cref="CompleteAsync"/> cancels the COPY, so a failed staging sends nothing more.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: one writer per COPY, used by one thread.</threadsafety>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    // PostgreSQL counts dates in days from 2000-01-01.
    private static readonly int PostgresEpochDayNumber = new DateOnly(2000, 1, 1).DayNumber;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly short _fieldsPerRow;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private int _fieldsInRow = -1;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream, short fieldsPerRow)
    {
        _stream = stream;
        _fieldsPerRow = fieldsPerRow;
    }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c> of <paramref name="fieldsPerRow"/> columns) and writes the format's header.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, short fieldsPerRow, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken).ConfigureAwait(false);
        var writer = new BinaryCopyWriter(stream, fieldsPerRow);
        // "PGCOPY\n\377\r\n\0", then the flags and the header extension's length, both zero.
        ReadOnlySpan<byte> signature = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
        signature.CopyTo(writer._buffer);
        writer._position = signature.Length + 8;
        return writer;
    }

    /// <summary>Starts a row (the previous one must have all its fields).</summary>
    /// <exception cref="InvalidOperationException">The previous row has another number of fields.</exception>
    public void StartRow()
    {
        EndRow();
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), _fieldsPerRow);
        _position += 2;
        _fieldsInRow = 0;
    }

    /// <summary>Writes a text field.</summary>
    public void Write(string value)
    {
        var maximum = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (4 + maximum > BufferSize)
        {
            // A cell longer than the buffer (never an id or a code): encoded apart.
            var bytes = Encoding.UTF8.GetBytes(value);
            WriteLength(bytes.Length);
            Flush();
            _stream.Write(bytes);
            return;
        }
        Reserve(4 + maximum);
        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), length);
        _position += 4 + length;
        _fieldsInRow++;
    }

    /// <summary>Writes a text field, or NULL.</summary>
    public void WriteOrNull(string? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            Write(value);
        }
    }

    /// <summary>Writes an <c>integer</c> field.</summary>
    public void Write(int value)
    {
        WriteLength(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    /// <summary>Writes an <c>integer</c> field, or NULL.</summary>
    public void WriteOrNull(int? value)
    {
        if (value is { } number)
        {
            Write(number);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a <c>date</c> field, or NULL.</summary>
    public void WriteOrNull(DateOnly? value)
    {
        if (value is { } date)
        {
            Write(date);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a <c>bigint</c> field.</summary>
    public void Write(long value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>Writes a <c>boolean</c> field.</summary>
    public void Write(bool value)
    {
        WriteLength(1);
        _buffer[_position++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>Writes a <c>date</c> field.</summary>
    public void Write(DateOnly value) => Write(value.DayNumber - PostgresEpochDayNumber);

    /// <summary>Writes NULL.</summary>
    public void WriteNull()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), -1);
        _position += 4;
        _fieldsInRow++;
    }

    /// <summary>Ends the last row, writes the trailer and completes the COPY.</summary>
    /// <exception cref="InvalidOperationException">The last row has another number of fields.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        EndRow();
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
        _position = 0;
        _completed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Cancels the COPY unless it was completed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await _stream.CancelAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The COPY had already failed (the server's error is the one the caller sees).
            }
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    // A field's length, after which its bytes follow; counts the field.
    private void WriteLength(int length)
    {
        Reserve(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), length);
        _position += 4;
        _fieldsInRow++;
    }

    private void EndRow()
    {
        if (_fieldsInRow >= 0 && _fieldsInRow != _fieldsPerRow)
        {
            throw new InvalidOperationException($"a COPY row has {_fieldsInRow} fields where the copy has {_fieldsPerRow}.");
        }
    }

    private void Reserve(int bytes)
    {
        if (_position + bytes > BufferSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer.AsSpan(0, _position));
        _position = 0;
    }
}
