namespace Sesric.Analytics.Reporting;

/// <summary>Progress of a report render: <paramref name="Done"/> of <paramref name="Total"/> steps, the last one named.</summary>
/// <param name="Done">Steps finished.</param>
/// <param name="Total">All steps (two per visual: query, render; and one for the HTML).</param>
/// <param name="Step">What was just finished ("rendered participants-per-edition").</param>
public sealed record ReportProgress(int Done, int Total, string Step);
