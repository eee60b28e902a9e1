namespace Sesric.Analytics.Querying;

/// <summary>Facts about how a result was produced.</summary>
/// <param name="TotalRows">Rows before limit/offset.</param>
/// <param name="Elapsed">Time spent compiling and running the query.</param>
/// <param name="SuppressedCells">How many measure cells disclosure control withheld (shown with no value, never as zero).</param>
/// <param name="SyntheticShare">The share (0–1) of the participation records behind the figures that are synthetic; null when no records were read, or when the public policy withholds a mixed share over few records. Under the public policy it is computed from the cells' perturbed counts of synthetic and of all rows (none and all still read 0 and 1; a larger mix is rounded to a tenth).</param>
/// <param name="Policy">The disclosure policy applied ("public" or "internal").</param>
public sealed record QueryMetadata(long TotalRows, TimeSpan Elapsed, int SuppressedCells, double? SyntheticShare, string Policy)
{
    /// <summary>The perturbation table the public policy applied (such as <c>ptable-v1</c>); null when nothing is perturbed (internal).</summary>
    public string? PerturbationTable { get; init; }

    /// <summary>
    /// How many measure cells over all pages are computed from perturbed counts (whether or not the adjustment
    /// changed them: saying which changed would undo the protection).
    /// </summary>
    public long PerturbedCells { get; init; }
}
