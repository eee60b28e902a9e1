using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>The output of one chart render, with what was drawn (for alt text, the HTML and tests).</summary>
internal sealed record RenderedChart(byte[]? Png, string? Svg, string AltTitle, string AltDescription, IReadOnlyList<DrawnLabel> Labels, IReadOnlyList<string> CategoryKeys);
