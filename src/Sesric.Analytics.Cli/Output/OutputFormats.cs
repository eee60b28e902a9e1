namespace Sesric.Analytics.Cli.Output;

/// <summary>What an <see cref="OutputFormat"/> is for.</summary>
public static class OutputFormats
{
    /// <summary>True for the formats people read (table, TSV): values formatted, notes on standard error.</summary>
    public static bool IsForPeople(this OutputFormat format) => format is OutputFormat.Table or OutputFormat.Tsv;
}
