namespace Sesric.Analytics.Cli.Output;

/// <summary>
/// A <see cref="Listing"/> cell withheld by disclosure control: drawn as <see cref="TableMark"/> in tables and
/// written as the text <see cref="DataMark"/> in CSV and JSON, never as 0 and never dropped.
/// </summary>
public sealed class SuppressedCell
{
    private SuppressedCell()
    {
    }

    /// <summary>The one instance.</summary>
    public static SuppressedCell Instance { get; } = new();

    /// <summary>How a suppressed cell looks in a table.</summary>
    public const string TableMark = "…";

    /// <summary>How a suppressed cell is written in CSV and JSON.</summary>
    public const string DataMark = "suppressed";

    /// <inheritdoc/>
    public override string ToString() => DataMark;
}
