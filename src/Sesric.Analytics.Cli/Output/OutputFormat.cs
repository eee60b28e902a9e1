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
}
