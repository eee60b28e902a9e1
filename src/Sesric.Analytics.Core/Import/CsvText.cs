using System.Globalization;

namespace Sesric.Analytics.Import;

/// <summary>Cell parsing and formatting shared by the CSV formats: invariant culture, ISO dates, lower-case booleans.</summary>
internal static class CsvText
{
    /// <summary>The one date format of every file.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats an optional integer.</summary>
    public static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Formats a boolean as <c>true</c>/<c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Parses <c>true</c>/<c>false</c> (also yes/no, 1/0); blank is false.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "false" or "no" or "0":
                value = false;
                return true;
            case "true" or "yes" or "1":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Parses an optional whole number; blank is null.</summary>
    public static bool TryInt(string text, out int? value)
    {
        value = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    /// <summary>Parses an optional <c>yyyy-MM-dd</c> date; blank is null.</summary>
    public static bool TryDate(string text, out DateOnly? value) => TryDate(text.AsSpan(), out value);

    /// <summary><see cref="TryDate(string, out DateOnly?)"/> on a cell's characters (no string made).</summary>
    internal static bool TryDate(ReadOnlySpan<char> text, out DateOnly? value)
    {
        value = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (DateOnly.TryParseExact(trimmed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    /// <summary>Null for blank text, else the trimmed text.</summary>
    public static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Writer options shared by every format: comma, LF line ends, quotes only when needed, no BOM. CsvHelper's
    /// own formula escaping is on as a safety net for a field written without <see cref="WriteCell"/>: it puts the
    /// same apostrophe in front of the same characters, so <see cref="CsvFormulaGuard.Restore(string)"/> reads it back.
    /// </summary>
    public static CsvHelper.CsvWriterOptions WriterOptions { get; } = CsvHelper.CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
        Injection = CsvHelper.CsvInjection.Escape,
        InjectionEscape = CsvFormulaGuard.Escape,
    };

    /// <summary>
    /// Writes one text cell through <see cref="CsvFormulaGuard.Protect"/>: every format writes its cells with this,
    /// and <see cref="CsvTableReader"/> undoes it, so exports are safe to open in a spreadsheet and still import exactly.
    /// </summary>
    public static void WriteCell(this CsvHelper.CsvWriter csv, string value) => csv.WriteField(CsvFormulaGuard.Protect(value));
}
