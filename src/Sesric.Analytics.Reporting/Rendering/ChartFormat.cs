namespace Sesric.Analytics.Reporting;

/// <summary>The file format of a rendered chart.</summary>
public enum ChartFormat
{
    /// <summary>A PNG raster image.</summary>
    Png,

    /// <summary>An SVG vector image with text as outlines plus an invisible text layer, and title/desc alt text.</summary>
    Svg,
}
