namespace Sesric.Analytics.Semantic;

/// <summary>
/// A query the engine refuses, with what is wrong and how to fix it. This is the only exception
/// parsing and compiling a query throw for bad input; the database never sees a rejected query.
/// </summary>
public sealed class QueryException : Exception
{
    /// <summary>Builds the exception.</summary>
    /// <param name="kind">What kind of problem.</param>
    /// <param name="message">What is wrong and the fix.</param>
    /// <param name="field">The offending measure, dimension or field name, or the query part (<c>filter</c>, <c>order_by</c>, <c>limit</c>).</param>
    /// <param name="position">For syntax errors, the zero-based character position in the filter or order-by text.</param>
    public QueryException(QueryErrorKind kind, string message, string? field = null, int? position = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
        Position = position;
    }

    /// <summary>What kind of problem.</summary>
    public QueryErrorKind Kind { get; }

    /// <summary>The offending measure, dimension or field name, or the query part it is in.</summary>
    public string? Field { get; }

    /// <summary>For syntax errors, the zero-based character position in the text.</summary>
    public int? Position { get; }
}
