using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Reporting;

/// <summary>One visual of a rendered report: its data and its chart in both formats.</summary>
/// <param name="Page">The page index.</param>
/// <param name="Visual">The visual.</param>
/// <param name="Table">The data the engine returned.</param>
/// <param name="Svg">The SVG document.</param>
/// <param name="Png">The PNG bytes, or null when only HTML was asked for.</param>
/// <param name="AltTitle">The alt text title.</param>
/// <param name="AltDescription">The alt text description.</param>
public sealed record RenderedVisual(int Page, Visual Visual, ResultTable Table, string Svg, byte[]? Png, string AltTitle, string AltDescription);
