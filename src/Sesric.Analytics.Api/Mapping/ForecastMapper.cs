using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Forecasting.Scenarios;
using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Maps between the forecasting library's types and the forecast service's messages.</summary>
public static class ForecastMapper
{
    // Scenario's ArgumentException.ParamName uses the library's short names; the request names the fields.
    private static readonly Dictionary<string, string> ScenarioFields = new(StringComparer.Ordinal)
    {
        ["modality"] = "scenario.modality",
        ["duration"] = "scenario.duration_days",
        ["partners"] = "scenario.partners",
        ["eligible_states"] = "scenario.eligible_states",
        ["year"] = "scenario.year",
    };

    /// <summary>The request field a scenario problem names (<c>duration</c> is <c>scenario.duration_days</c>).</summary>
    public static string ScenarioField(string? paramName) =>
        paramName is not null && ScenarioFields.TryGetValue(paramName, out var field) ? field : paramName ?? "scenario";

    /// <summary>The library's scenario for <paramref name="scenario"/> (null or empty: as assumed).</summary>
    /// <exception cref="ArgumentException">A value is out of range; ParamName names the library's field.</exception>
    public static Scenario ToScenario(V1.Scenario? scenario)
    {
        if (scenario is null)
        {
            return Scenario.AsAssumed;
        }
        Modality? modality = scenario.Modality switch
        {
            V1.Modality.Unspecified => null,
            V1.Modality.InPerson => Modality.InPerson,
            V1.Modality.Virtual => Modality.Virtual,
            V1.Modality.Hybrid => Modality.Hybrid,
            _ => throw new ArgumentException($"modality must be MODALITY_IN_PERSON, MODALITY_VIRTUAL or MODALITY_HYBRID, was {(int)scenario.Modality}.", "modality"),
        };
        return new Scenario
        {
            Modality = modality,
            DurationDays = scenario.HasDurationDays ? scenario.DurationDays : null,
            Partners = scenario.HasPartners ? scenario.Partners : null,
            EligibleStates = scenario.HasEligibleStates ? scenario.EligibleStates : null,
            Year = scenario.HasYear ? scenario.Year : null,
        };
    }

    /// <summary>The response for <paramref name="forecast"/>.</summary>
    public static V1.ForecastResponse ToResponse(Forecast forecast)
    {
        var response = new V1.ForecastResponse
        {
            Programme = ResourceNames.Of(forecast.Programme),
            Scenario = forecast.Scenario.ToString(),
            ModelVersion = forecast.ModelVersion,
            Participants = Target(forecast.Participants),
            MemberStates = Target(forecast.MemberStates),
        };
        response.Notes.AddRange(forecast.Notes);
        return response;
    }

    /// <summary>
    /// The response for <paramref name="report"/>, the per-programme table restricted to <paramref name="programme"/> when
    /// given and to the programmes of <paramref name="scope"/> (the pooled candidate scores stay: they are the model's).
    /// </summary>
    public static V1.BacktestResponse ToResponse(BacktestReport report, string modelVersion, ProgrammeId? programme, DataScope? scope = null) => new()
    {
        Participants = Target(report.Participants, programme, scope ?? DataScope.All),
        MemberStates = Target(report.MemberStates, programme, scope ?? DataScope.All),
        DatasetHash = report.DatasetHash,
        ModelVersion = modelVersion,
    };

    /// <summary>The wire name of a target: <c>participants</c> or <c>member_states</c>.</summary>
    public static string TargetName(ForecastTarget target) => target == ForecastTarget.MemberStates ? "member_states" : "participants";

    private static V1.TargetForecast? Target(TargetForecast? forecast) => forecast is null ? null : new V1.TargetForecast
    {
        Point = forecast.Point,
        Interval80 = Interval(forecast.Interval80),
        Interval95 = Interval(forecast.Interval95),
        Model = forecast.Choice.Candidate,
        ModelReason = forecast.Choice.Reason,
        Backtest = Score(forecast.Backtest),
        NaiveBacktest = Score(forecast.NaiveBacktest),
    };

    private static V1.ForecastInterval Interval(ForecastInterval interval)
    {
        var message = new V1.ForecastInterval
        {
            Level = interval.Level,
            Lower = interval.Lower,
            Upper = interval.Upper,
            CoveragePoints = interval.CoveragePoints,
            Underdetermined = interval.IsUnderdetermined,
        };
        if (interval.MeasuredCoverage is { } coverage)
        {
            message.MeasuredCoverage = coverage;
        }
        return message;
    }

    private static V1.CandidateScore Score(CandidateScore score)
    {
        var message = new V1.CandidateScore
        {
            Candidate = score.Candidate,
            Target = TargetName(score.Target),
            Programme = score.Programme is null ? "" : $"programmes/{score.Programme}",
            Points = score.Points,
            Mae = score.Mae,
            Smape = score.Smape,
        };
        if (score.Mase is { } mase)
        {
            message.Mase = mase;
        }
        return message;
    }

    private static V1.TargetBacktest Target(TargetBacktest backtest, ProgrammeId? programme, DataScope scope)
    {
        var message = new V1.TargetBacktest
        {
            Target = TargetName(backtest.Target),
            Chosen = backtest.Choice.Candidate,
            Reason = backtest.Choice.Reason,
        };
        message.Candidates.AddRange(backtest.Candidates.Select(Score));
        message.ByProgramme.AddRange(backtest.ByProgramme
            .Where(s => (programme is null || s.Programme == programme.Value.Value) && (scope.IsUnrestricted || (ProgrammeId.TryParse(s.Programme, out var id) && scope.Allows(id))))
            .Select(Score));
        return message;
    }
}
