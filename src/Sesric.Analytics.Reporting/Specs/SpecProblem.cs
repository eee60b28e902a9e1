namespace Sesric.Analytics.Reporting.Specs;

/// <summary>One thing wrong with a report spec, at a path such as <c>pages[1].visuals[3].measure</c>.</summary>
/// <param name="Path">Where in the spec (JSON path without the leading <c>$.</c>; indexes from 0).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record SpecProblem(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
