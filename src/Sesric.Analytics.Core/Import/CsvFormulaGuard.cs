namespace Sesric.Analytics.Import;

/// <summary>
/// Keeps spreadsheet programs from running a CSV cell as a formula (CSV injection), reversibly, so that a file
/// sesric exports imports back to exactly the same values.
/// </summary>
/// <remarks>
/// <para>The rule, applied to every text cell sesric writes and reads:</para>
/// <list type="bullet">
/// <item>On export, a value that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// gets an apostrophe in front (<c>=HYPERLINK(…)</c> is written <c>'=HYPERLINK(…)</c>), as OWASP recommends: Excel
/// and LibreOffice show such a cell as text. A value that starts with an apostrophe followed by one of those
/// characters or by a second apostrophe also gets one (<c>'=x</c> is written <c>''=x</c>), so that it stays
/// distinct from a neutralised cell.</item>
/// <item>On import, a cell that starts with an apostrophe followed by one of those characters or by another
/// apostrophe loses its first apostrophe. Any other cell is read as it is, so a hand-made file's
/// <c>'s-Hertogenbosch</c> keeps its apostrophe.</item>
/// </list>
/// <para>Every value round-trips: <c>Restore(Protect(v)) == v</c> for any string <c>v</c>. Numbers that sesric
/// writes (years, counts) are never negative, so no numeric cell is changed.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class CsvFormulaGuard
{
    /// <summary>The apostrophe that marks a neutralised cell; spreadsheets read it as "this cell is text".</summary>
    public const char Escape = '\'';

    /// <summary>The characters that make a cell a possible formula when it starts with one (OWASP's list).</summary>
    public static IReadOnlyList<char> FormulaStarts { get; } = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The text to write for <paramref name="value"/>: with an apostrophe in front when it could run as a formula (or could be mistaken for a neutralised cell).</summary>
    public static string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && (IsFormulaStart(value[0]) || IsEscaped(value)) ? Escape + value : value;
    }

    /// <summary>The value a written cell stands for: <see cref="Protect"/> undone.</summary>
    public static string Restore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return IsEscaped(cell) ? cell[1..] : cell;
    }

    /// <summary><see cref="Restore(string)"/> on a cell's characters: the same rule, without making a string.</summary>
    internal static ReadOnlySpan<char> Restore(ReadOnlySpan<char> cell) => IsEscaped(cell) ? cell[1..] : cell;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsEscaped(ReadOnlySpan<char> text) =>
        text.Length > 1 && text[0] == Escape && (text[1] == Escape || IsFormulaStart(text[1]));
}
