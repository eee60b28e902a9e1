using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Core.Tests.Querying;

public class SqlRowsTests
{
    private static readonly DateOnly Day = new(2021, 3, 14);

    [Fact]
    public void Rows_built_from_columns_hold_the_same_values_and_nulls()
    {
        var rows = new SqlRows([
            Column<long>("n", 7L, null, -3L),
            Column<double>("x", 0.5, 2.25, null),
            Column<string>("s", null, "TUR", "EGY"),
            Column<bool>("b", true, null, false),
            Column<DateOnly>("d", Day, Day.AddDays(1), null),
            Column<object>("mixed", 1L, "one", null)]);

        Assert.Equal(["n", "x", "s", "b", "d", "mixed"], rows.Columns);
        Assert.Equal(3, rows.RowCount);
        Assert.Equal(
            [
                [7L, 0.5, null, true, Day, 1L],
                [null, 2.25, "TUR", null, Day.AddDays(1), "one"],
                [-3L, null, "EGY", false, null, null],
            ],
            rows.Rows);
        Assert.Equal(typeof(long), rows.Rows[0][0]!.GetType());
    }

    [Fact]
    public void Columns_built_from_rows_are_typed_when_every_value_has_one_type_and_objects_otherwise()
    {
        var rows = new SqlRows(["n", "s", "mixed", "empty"], [[1L, "a", 1L, null], [null, null, 1, null], [3L, "c", "x", null]]);

        var columns = rows.ColumnData;

        Assert.Equal([typeof(long), typeof(string), typeof(object), typeof(object)], columns.Select(c => c.ValueType));
        var n = Assert.IsType<SqlColumn<long>>(columns[0]);
        Assert.Equal([1L, 0L, 3L], Enumerable.Range(0, 3).Select(i => n[i]));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(n.IsNull));
        Assert.Equal(["a", null, "c"], Enumerable.Range(0, 3).Select(i => ((SqlColumn<string>)columns[1])[i]));
        // A mixed column keeps the values as given: the int stays an int.
        Assert.Equal([1L, 1, "x"], Enumerable.Range(0, 3).Select(columns[2].GetValue));
        Assert.True(columns[3].IsNull(0));
        Assert.Same(columns, rows.ColumnData);
        Assert.Equal(3, rows.RowCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65)]
    [InlineData(300)]
    [InlineData(SqlColumn.BlockSize + 70)]
    public void Nulls_and_values_keep_their_rows_while_the_first_block_grows(int count)
    {
        // The first block starts small and grows; nulls recorded before and after each growth stay on their rows.
        var builder = new SqlColumnBuilder<double>();
        var nulls = new HashSet<int> { 0, 63, 64, 65, 129, 4095, 4096 };
        for (var i = 0; i < count; i++)
        {
            if (nulls.Contains(i))
            {
                builder.AddNull();
            }
            else
            {
                builder.Add(i + 0.5);
            }
        }

        var column = builder.Build("x");

        Assert.Equal(count, column.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(nulls.Contains(i), column.IsNull(i));
            Assert.Equal(nulls.Contains(i) ? null : i + 0.5, column.GetValue(i));
        }
    }

    [Fact]
    public void Values_cross_storage_blocks_and_a_null_after_many_values_marks_only_its_row()
    {
        var builder = new SqlColumnBuilder<long>();
        var count = (SqlColumn.BlockSize * 2) + 5;
        for (var i = 0; i < count; i++)
        {
            if (i == SqlColumn.BlockSize + 1)
            {
                builder.AddNull();
            }
            else
            {
                builder.Add(i * 10L);
            }
        }

        var column = builder.Build("n");

        Assert.Equal(count, column.Count);
        Assert.Equal(0, builder.Count);
        Assert.Equal((SqlColumn.BlockSize - 1) * 10L, column[SqlColumn.BlockSize - 1]);
        Assert.Equal(SqlColumn.BlockSize * 10L, column[SqlColumn.BlockSize]);
        Assert.True(column.IsNull(SqlColumn.BlockSize + 1));
        Assert.Null(column.GetValue(SqlColumn.BlockSize + 1));
        Assert.Equal(1, Enumerable.Range(0, count).Count(column.IsNull));
        Assert.Equal((count - 1) * 10L, column[count - 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => column[count]);
    }

    [Fact]
    public void Columns_of_different_lengths_and_unsupported_types_are_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new SqlRows([Column<long>("a", 1L, 2L), Column<long>("b", 1L)]));
        Assert.Contains("column 'b' has 1 values but column 'a' has 2", e.Message);
        Assert.Contains("use long, double, string, bool, DateOnly", Assert.Throws<NotSupportedException>(() => new SqlColumnBuilder<int>()).Message);
    }

    [Fact]
    public void A_copy_with_other_rows_reads_its_own_rows_in_both_forms()
    {
        var original = new SqlRows([Column<long>("n", 1L, 2L)]);

        var copy = original with { Rows = [[5L]] };

        Assert.Equal(1, copy.RowCount);
        Assert.Equal(5L, ((SqlColumn<long>)copy.ColumnData[0])[0]);
        Assert.Equal(2, original.RowCount);
        Assert.NotEqual(original, copy);
        Assert.Equal(original, original with { });
    }

    private static SqlColumn<T> Column<T>(string name, params object?[] values)
        where T : notnull
    {
        var builder = new SqlColumnBuilder<T>();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AddNull();
            }
            else
            {
                builder.Add((T)value);
            }
        }
        return builder.Build(name);
    }
}
