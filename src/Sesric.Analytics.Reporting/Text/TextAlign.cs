namespace Sesric.Analytics.Reporting.Text;

/// <summary>Where a drawn line's anchor point lies on it.</summary>
internal enum TextAlign
{
    /// <summary>The anchor is the line's left end.</summary>
    Left,

    /// <summary>The anchor is the line's centre (measured from the shaped width).</summary>
    Center,

    /// <summary>The anchor is the line's right end.</summary>
    Right,
}
