namespace Sesric.Analytics.Reporting.Text;

/// <summary>
/// A text needs a script (or a font family) that no configured font can draw. Thrown instead of drawing
/// boxes; the message names the script, the character and the fix.
/// </summary>
public sealed class MissingFontException : Exception
{
    /// <summary>Builds the exception.</summary>
    public MissingFontException(string script, string message)
        : base(message)
    {
        Script = script;
    }

    /// <summary>The script that cannot be drawn (<c>Arabic</c>), or the missing family's name.</summary>
    public string Script { get; }
}
