namespace Sesric.Analytics.Forecasting.Features;

/// <summary>
/// One training or prediction row for the ML.NET candidates: an edition's context and its programme's
/// previous attendance, with the label to learn.
/// </summary>
/// <remarks>
/// Public only because ML.NET binds rows by reflection; callers never build these. Unknown duration and
/// month are <see cref="float.NaN"/> and are replaced by the training mean inside the saved pipeline.
/// The column list is <see cref="FeatureSchema"/>: a change here is a schema change, and a saved model
/// trained on other columns refuses to load.
/// </remarks>
public sealed class FeatureRow
{
    /// <summary>The value to learn (see the candidate's label transform).</summary>
    public float Label { get; set; }

    /// <summary>The programme's last observed attendance before this edition.</summary>
    public float Lag1 { get; set; }

    /// <summary>The one before (equals <see cref="Lag1"/> when there is none).</summary>
    public float Lag2 { get; set; }

    /// <summary>The one before that (equals <see cref="Lag2"/> when there is none).</summary>
    public float Lag3 { get; set; }

    /// <summary>ln(1 + <see cref="Lag1"/>).</summary>
    public float LogLag1 { get; set; }

    /// <summary>ln((1 + Lag1) / (1 + Lag2)): the last change, in log terms.</summary>
    public float LogGrowth { get; set; }

    /// <summary>ln(1 + mean of every observed previous edition).</summary>
    public float LogHistoryMean { get; set; }

    /// <summary>How many previous editions have an observed figure.</summary>
    public float HistoryCount { get; set; }

    /// <summary>Edition numbers between the last observed edition and this one (1 when consecutive; more across gaps).</summary>
    public float EditionsSinceLast { get; set; }

    /// <summary>Years between the last observed edition and this one.</summary>
    public float YearsSinceLast { get; set; }

    /// <summary>The edition number.</summary>
    public float EditionNumber { get; set; }

    /// <summary>The year.</summary>
    public float Year { get; set; }

    /// <summary>Duration in days, or NaN when unknown.</summary>
    public float DurationDays { get; set; }

    /// <summary>Number of partner institutions.</summary>
    public float Partners { get; set; }

    /// <summary>Member states eligible on the edition's date.</summary>
    public float EligibleStates { get; set; }

    /// <summary>Starting month, or NaN when unknown.</summary>
    public float Month { get; set; }

    /// <summary>The edition's modality code (<c>in_person</c>, <c>virtual</c>, <c>hybrid</c>, <c>unknown</c>).</summary>
    public string Modality { get; set; } = "";

    /// <summary>The modality code of the last observed edition.</summary>
    public string PreviousModality { get; set; } = "";
}
