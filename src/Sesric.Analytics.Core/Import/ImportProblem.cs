namespace Sesric.Analytics.Import;

/// <summary>One bad cell or row in an import file.</summary>
/// <param name="Line">The 1-based line in the file (the header is line 1).</param>
/// <param name="Column">The column name, or null for a problem with the whole row or file.</param>
/// <param name="Value">The offending value as read, or null.</param>
/// <param name="Reason">Why it was refused, phrased so the user knows what to fix.</param>
public sealed record ImportProblem(long Line, string? Column, string? Value, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"line {Line}" + (Column is null ? "" : $", column {Column}") + (Value is null ? "" : $" = '{Value}'") + $": {Reason}";
}
