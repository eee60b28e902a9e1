namespace Sesric.Analytics.Cli.Output;

/// <summary>How a listing is written to standard output.</summary>
public enum OutputFormat
{
    /// <summary>A table for people to read.</summary>
    Table,

    /// <summary>RFC 4180 CSV with a header line, for spreadsheets and scripts.</summary>
    Csv,

    /// <summary>A JSON array of objects with snake_case keys, for programs.</summary>
    Json,

    /// <summary>
    /// Tab-separated lines for people reading a pipe or a file: a header of the snake_case keys, then one line per
    /// row with values as a table shows them. The default when standard output is not a terminal.
    /// </summary>
    Tsv,
}
