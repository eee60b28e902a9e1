namespace Sesric.Analytics.Querying;

/// <summary>
/// A parameterised SQL statement: text with positional placeholders <c>$1</c>, <c>$2</c>, … and the
/// values bound to them, kept apart so that a value is never spliced into SQL.
/// </summary>
/// <param name="Sql">The statement text; only names from the semantic model and placeholders appear in it.</param>
/// <param name="Parameters">The values for <c>$1</c>…<c>$n</c>, in order (string, long, double, bool, DateOnly or null).</param>
/// <remarks>The <c>$n</c> form is understood by both DuckDB and PostgreSQL.</remarks>
public sealed record SqlStatement(string Sql, IReadOnlyList<object?> Parameters)
{
    /// <summary>A statement with no parameters.</summary>
    public static SqlStatement Of(string sql) => new(sql, []);
}
