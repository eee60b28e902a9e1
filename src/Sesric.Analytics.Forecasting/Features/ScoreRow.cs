namespace Sesric.Analytics.Forecasting.Features;

/// <summary>The ML.NET prediction column. Public only because ML.NET binds it by reflection.</summary>
public sealed class ScoreRow
{
    /// <summary>The regressor's output, in the candidate's label space.</summary>
    public float Score { get; set; }
}
