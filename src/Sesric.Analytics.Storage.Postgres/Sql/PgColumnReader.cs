using System.Globalization;

using Npgsql;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Storage.Postgres.Sql;

/// <summary>
/// Reads one result column into a typed <see cref="SqlColumn"/> with the reader's typed getters, giving the values the
/// DuckDB store gives for the same statement: every integer width as <see cref="long"/>, NUMERIC and floating point as
/// <see cref="double"/>, text, booleans and dates (<see cref="DateOnly"/>) as they are; anything else as invariant text.
/// </summary>
internal abstract class PgColumnReader
{
    /// <summary>Appends the current row's value at <paramref name="ordinal"/>.</summary>
    public abstract void Read(NpgsqlDataReader reader, int ordinal);

    /// <summary>The column read so far.</summary>
    public abstract SqlColumn Build(string name);

    /// <summary>The reader for a column of PostgreSQL type <paramref name="dataTypeName"/> (as the reader names it).</summary>
    public static PgColumnReader For(string dataTypeName) => dataTypeName switch
    {
        "bigint" => new Typed<long>(static (r, i) => r.GetInt64(i)),
        "integer" => new Typed<long>(static (r, i) => r.GetInt32(i)),
        "smallint" => new Typed<long>(static (r, i) => r.GetInt16(i)),
        "double precision" => new Typed<double>(static (r, i) => r.GetDouble(i)),
        "real" => new Typed<double>(static (r, i) => r.GetFloat(i)),
        "numeric" => new Typed<double>(static (r, i) => (double)r.GetDecimal(i)),
        "text" or "character varying" or "character" => new Typed<string>(static (r, i) => r.GetString(i)),
        "boolean" => new Typed<bool>(static (r, i) => r.GetBoolean(i)),
        "date" => new Typed<DateOnly>(static (r, i) => r.GetFieldValue<DateOnly>(i)),
        _ => new Typed<object>(static (r, i) => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)!),
    };

    private sealed class Typed<T>(Func<NpgsqlDataReader, int, T> get) : PgColumnReader
        where T : notnull
    {
        private readonly SqlColumnBuilder<T> _values = new();

        public override void Read(NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _values.AddNull();
            }
            else
            {
                _values.Add(get(reader, ordinal));
            }
        }

        public override SqlColumn Build(string name) => _values.Build(name);
    }
}
