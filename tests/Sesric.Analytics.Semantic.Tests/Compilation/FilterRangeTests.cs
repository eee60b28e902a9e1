using Sesric.Analytics.Semantic.Tests.Support;

namespace Sesric.Analytics.Semantic.Tests.Compilation;

/// <summary>Literals are checked against their field's type before any SQL: a value the store's column cannot hold is the caller's mistake.</summary>
public class FilterRangeTests
{
    private static readonly QueryEngine Engine = new(new CannedStore());

    [Theory]
    [InlineData("year = 2147483648", "2147483648")]
    [InlineData("year >= -2147483649", "-2147483649")]
    [InlineData("programme = \"diplomacy-cab\" AND year < 9223372036854775807", "9223372036854775807")]
    public void An_integer_literal_outside_the_32_bit_column_is_refused_naming_the_field_and_value(string filter, string value)
    {
        var e = Assert.Throws<QueryException>(() => Engine.Compile(SemanticQuery.Of("participants").Where(filter)));

        Assert.Equal(QueryErrorKind.InvalidValue, e.Kind);
        Assert.Equal("year", e.Field);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year = 2147483647")]
    [InlineData("year >= -2147483648")]
    public void The_extremes_of_the_range_are_accepted(string filter) =>
        Assert.Contains("f.year", Engine.Compile(SemanticQuery.Of("participants").Where(filter)).Sql, StringComparison.Ordinal);
}
