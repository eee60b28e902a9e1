namespace Sesric.Analytics.Model;

/// <summary>
/// A forecast of one figure of a programme's next edition, with its 80 % and 95 % intervals, in plain
/// values: what the forecasting library produces and the reporting library draws as a band, so that
/// neither library references the other and both shells (CLI and gRPC service) hand over the same thing.
/// </summary>
/// <remarks>Invariant: every value is finite and the intervals nest around the point,
/// <c>Lower95 ≤ Lower80 ≤ Point ≤ Upper80 ≤ Upper95</c>.</remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed record NextEditionForecast
{
    /// <summary>Checks and builds the forecast.</summary>
    /// <param name="programme">The programme forecast.</param>
    /// <param name="target">The figure: <c>participants</c> or <c>member_states</c>.</param>
    /// <param name="year">The year of the edition forecast.</param>
    /// <param name="point">The point forecast.</param>
    /// <param name="lower80">The 80 % interval's lower end.</param>
    /// <param name="upper80">The 80 % interval's upper end.</param>
    /// <param name="lower95">The 95 % interval's lower end.</param>
    /// <param name="upper95">The 95 % interval's upper end.</param>
    /// <param name="method">How it was made (the model's name), for footnotes.</param>
    /// <exception cref="ArgumentException">A value is not finite, the intervals do not nest, or a name is blank.</exception>
    public NextEditionForecast(ProgrammeId programme, string target, int year, double point, double lower80, double upper80, double lower95, double upper95, string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        double[] values = [point, lower80, upper80, lower95, upper95];
        if (!values.All(double.IsFinite))
        {
            throw new ArgumentException($"forecast of {target} for {programme} {year}: every value must be finite (point {point}, 80 % [{lower80}, {upper80}], 95 % [{lower95}, {upper95}]).", nameof(point));
        }
        if (!(lower95 <= lower80 && lower80 <= point && point <= upper80 && upper80 <= upper95))
        {
            throw new ArgumentException($"forecast of {target} for {programme} {year}: the intervals must nest around the point (95 % [{lower95}, {upper95}] holds 80 % [{lower80}, {upper80}] holds {point}).", nameof(point));
        }
        (Programme, Target, Year, Point, Lower80, Upper80, Lower95, Upper95, Method) = (programme, target, year, point, lower80, upper80, lower95, upper95, method);
    }

    /// <summary>The programme forecast.</summary>
    public ProgrammeId Programme { get; }

    /// <summary>The figure: <c>participants</c> or <c>member_states</c>.</summary>
    public string Target { get; }

    /// <summary>The year of the edition forecast.</summary>
    public int Year { get; }

    /// <summary>The point forecast.</summary>
    public double Point { get; }

    /// <summary>The 80 % interval's lower end.</summary>
    public double Lower80 { get; }

    /// <summary>The 80 % interval's upper end.</summary>
    public double Upper80 { get; }

    /// <summary>The 95 % interval's lower end.</summary>
    public double Lower95 { get; }

    /// <summary>The 95 % interval's upper end.</summary>
    public double Upper95 { get; }

    /// <summary>How it was made (the model's name).</summary>
    public string Method { get; }

    /// <summary>How many past forecast errors the intervals rest on, or null when not known.</summary>
    public int? IntervalResiduals { get; init; }

    /// <summary>Whether the 80 % interval rests on too few past errors for its level (it is then narrower than it should be).</summary>
    public bool Interval80TooFewPoints { get; init; }

    /// <summary>Whether the 95 % interval rests on too few past errors for its level.</summary>
    public bool Interval95TooFewPoints { get; init; }

    /// <summary>How the forecast year was found ("the programme's next edition in the data"), or null.</summary>
    public string? YearBasis { get; init; }

    /// <summary>The last year of the editions the model was trained on, or null when trained on all.</summary>
    public int? AsOfYear { get; init; }
}
