namespace Sesric.Analytics.Forecasting.Candidates;

/// <summary>A candidate's name, kind and a one-line description, for tables and model cards.</summary>
/// <param name="Name">The stable name, such as <c>naive</c> or <c>lightgbm</c>.</param>
/// <param name="Kind">Baseline or ML.NET.</param>
/// <param name="Description">What it does, in a line.</param>
public sealed record CandidateInfo(string Name, CandidateKind Kind, string Description);
