using DuckDB.NET.Data;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Storage.DuckDb.Sql;

/// <summary>
/// Reads one result column into a typed <see cref="SqlColumn"/> with the reader's typed getters, so that a
/// result of tens of thousands of rows costs no boxed object per value.
/// </summary>
/// <remarks>
/// The values are exactly those <see cref="DuckDbValues.ToPlain"/> gives: integers up to 32 bits unsigned
/// and every signed width become <see cref="long"/>, FLOAT, DOUBLE and DECIMAL become <see cref="double"/>,
/// VARCHAR, BOOLEAN and DATE pass through. Any other type (HUGEINT, UBIGINT, TIMESTAMP, ...) goes through
/// <see cref="DuckDbValues.ToPlain"/> into a column of objects, since its plain type depends on the value.
/// </remarks>
internal abstract class ColumnReader
{
    /// <summary>Appends the current row's value at <paramref name="ordinal"/>.</summary>
    public abstract void Read(DuckDBDataReader reader, int ordinal);

    /// <summary>The column read so far.</summary>
    public abstract SqlColumn Build(string name);

    /// <summary>The reader for a column whose values the driver returns as <paramref name="fieldType"/>.</summary>
    public static ColumnReader For(Type fieldType) => fieldType switch
    {
        _ when fieldType == typeof(long) => new Typed<long>(static (r, i) => r.GetInt64(i)),
        _ when fieldType == typeof(int) => new Typed<long>(static (r, i) => r.GetInt32(i)),
        _ when fieldType == typeof(short) => new Typed<long>(static (r, i) => r.GetInt16(i)),
        _ when fieldType == typeof(sbyte) => new Typed<long>(static (r, i) => r.GetFieldValue<sbyte>(i)),
        _ when fieldType == typeof(byte) => new Typed<long>(static (r, i) => r.GetByte(i)),
        _ when fieldType == typeof(ushort) => new Typed<long>(static (r, i) => r.GetFieldValue<ushort>(i)),
        _ when fieldType == typeof(uint) => new Typed<long>(static (r, i) => r.GetFieldValue<uint>(i)),
        _ when fieldType == typeof(double) => new Typed<double>(static (r, i) => r.GetDouble(i)),
        _ when fieldType == typeof(float) => new Typed<double>(static (r, i) => r.GetFloat(i)),
        _ when fieldType == typeof(decimal) => new Typed<double>(static (r, i) => (double)r.GetDecimal(i)),
        _ when fieldType == typeof(string) => new Text(),
        _ when fieldType == typeof(bool) => new Typed<bool>(static (r, i) => r.GetBoolean(i)),
        _ when fieldType == typeof(DateOnly) => new Typed<DateOnly>(static (r, i) => r.GetFieldValue<DateOnly>(i)),
        _ => new Typed<object>(static (r, i) => DuckDbValues.ToPlain(r.GetValue(i))!),
    };

    private sealed class Typed<T>(Func<DuckDBDataReader, int, T> get) : ColumnReader
        where T : notnull
    {
        private readonly SqlColumnBuilder<T> _values = new();

        public override void Read(DuckDBDataReader reader, int ordinal)
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

    /// <summary>
    /// Text, with repeated values sharing one string: dimension columns repeat a few hundred values over
    /// tens of thousands of rows, and sharing lets the copies die young instead of living as long as the result.
    /// </summary>
    private sealed class Text : ColumnReader
    {
        // Bounded so that a column of unique values (names, ids) does not build a second copy of itself.
        private const int MaxShared = 4096;

        private readonly SqlColumnBuilder<string> _values = new();
        private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

        public override void Read(DuckDBDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _values.AddNull();
                return;
            }
            var value = reader.GetString(ordinal);
            if (_shared.TryGetValue(value, out var shared))
            {
                value = shared;
            }
            else if (_shared.Count < MaxShared)
            {
                _shared.Add(value, value);
            }
            _values.Add(value);
        }

        public override SqlColumn Build(string name) => _values.Build(name);
    }
}
