namespace Sesric.Analytics.Querying;

/// <summary>Facts about how a result was produced.</summary>
/// <param name="TotalRows">Rows before limit/offset.</param>
/// <param name="Elapsed">Time spent compiling and running the query.</param>
/// <param name="SuppressedCells">How many cells disclosure control hid.</param>
/// <param name="SyntheticShare">The share (0–1) of the participation records behind the figures that are synthetic; null when no records were read.</param>
/// <param name="Policy">The disclosure policy applied ("public" or "internal").</param>
public sealed record QueryMetadata(long TotalRows, TimeSpan Elapsed, int SuppressedCells, double? SyntheticShare, string Policy);
