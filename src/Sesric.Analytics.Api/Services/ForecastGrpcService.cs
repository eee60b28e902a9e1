using System.Globalization;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Application.Forecasts;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Forecasting.Nominations;
using Sesric.Analytics.Model;

using LibraryScenario = Sesric.Analytics.Forecasting.Scenarios.Scenario;

namespace Sesric.Analytics.Api.Services;

/// <summary>Next-edition forecasts, the backtest behind the model choice, retraining, and attendance from nomination lists.</summary>
/// <remarks>A programme or edition outside the caller's scope is PERMISSION_DENIED; a backtest lists only the scope's
/// programmes. The models themselves are trained on every programme (pooled), as the model card says: what leaves the
/// service is a forecast or an error score for a programme in scope, never another programme's figures. A key scoped to
/// member states gets no forecast, backtest or attendance forecast (PERMISSION_DENIED): they are edition totals, which
/// cover every state. Retrain answers only the model version and size, so it is not refused.</remarks>
public sealed class ForecastGrpcService(ForecasterCache forecasters, StoreHost host) : ForecastService.ForecastServiceBase
{
    // The parameter name TrainedForecaster.Forecast gives when it refuses the programme itself (not a scenario field).
    private const string ForecasterProgrammeParameter = "programme";

    /// <inheritdoc/>
    public override async Task<ForecastAttendanceResponse> ForecastAttendance(ForecastAttendanceRequest request, ServerCallContext context)
    {
        var editionId = ResourceNames.ParseEdition(request.Edition, "edition");
        context.GetCaller().Scope.Require(editionId.Programme);
        context.GetCaller().Scope.RequireEveryMemberState("an attendance forecast");
        var isInternal = PolicyAccess.IsInternal(request.Policy, context);
        DateOnly? asOf = string.IsNullOrEmpty(request.AsOf) ? null : ParseDay(request.AsOf, "as_of");
        var store = host.Store;
        var ct = context.CancellationToken;
        var catalogue = await store.LoadCatalogueAsync(ct);
        if (!catalogue.TryGetEdition(editionId, out var edition))
        {
            throw RpcErrors.NotFound(request.Edition, "edition");
        }
        var rows = new List<Participation>();
        await foreach (var row in store.ReadParticipationsAsync(catalogue, ct))
        {
            rows.Add(row);
        }
        var nominations = request.Nominations.Count > 0
            ? request.Nominations.Select((n, i) => ToParticipation(catalogue, edition, n, i)).ToList()
            : rows.Where(r => r.Edition == editionId && r.NominatedOn is not null).ToList();
        if (nominations.Count == 0)
        {
            throw RpcErrors.InvalidArgument("nominations", $"no nominations: send the list, or import {editionId}'s registrations with nominated_on dates first.");
        }
        var day = asOf ?? nominations.Max(n => n.NominatedOn!.Value);
        TrainedNominationForecaster forecaster;
        try
        {
            forecaster = NominationForecaster.Train(NominationHistory.From(catalogue, rows), day);
        }
        catch (InvalidOperationException e)
        {
            throw RpcErrors.Build(Google.Rpc.Code.FailedPrecondition, e.Message, ErrorReasons.InvalidRequest);
        }
        var forecast = forecaster.Forecast(edition, NominationHistory.ForEdition(catalogue, edition, nominations, rows));
        var response = new ForecastAttendanceResponse
        {
            Edition = ResourceNames.Of(editionId),
            AsOf = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Nominations = forecast.Nominations,
            NominationsAfterAsOf = forecast.NominationsAfterAsOf,
            NominatedMemberStates = forecast.NominatedMemberStates,
            Attendance = ToEstimate(forecast.Attendance),
            MemberStates = ToEstimate(forecast.MemberStates),
            Model = forecast.Model,
            ModelReason = forecast.Reason,
            PooledRate = forecast.PooledRate,
        };
        if (isInternal)
        {
            response.Nominees.AddRange(forecast.Probabilities.Select(p => new Contracts.V1.NomineeProbability
            {
                ParticipantId = p.ParticipantId.Value,
                CountryIso3 = p.Country.Value,
                Probability = p.Probability,
            }));
        }
        return response;
    }

    /// <inheritdoc/>
    public override async Task<ForecastResponse> Forecast(ForecastRequest request, ServerCallContext context)
    {
        var programme = ResourceNames.ParseProgramme(request.Programme, "programme")!.Value;
        context.GetCaller().Scope.Require(programme);
        context.GetCaller().Scope.RequireEveryMemberState("a forecast");
        LibraryScenario scenario;
        try
        {
            scenario = ForecastMapper.ToScenario(request.Scenario);
        }
        catch (ArgumentException e)
        {
            throw RpcErrors.InvalidArgument(ForecastMapper.ScenarioField(e.ParamName), Describe(e));
        }
        var forecaster = await forecasters.GetAsync(context.CancellationToken);
        if (!forecaster.Dataset.Contains(programme))
        {
            throw RpcErrors.NotFound(request.Programme, "programme");
        }
        try
        {
            return ForecastMapper.ToResponse(forecaster.Forecast(programme, scenario));
        }
        catch (ArgumentException e)
        {
            // A scenario value valid alone can still be refused for this programme (a year before its last edition).
            throw RpcErrors.InvalidArgument(e.ParamName == ForecasterProgrammeParameter ? "programme" : ForecastMapper.ScenarioField(e.ParamName), Describe(e));
        }
    }

    /// <inheritdoc/>
    public override async Task<BacktestResponse> Backtest(BacktestRequest request, ServerCallContext context)
    {
        var programme = string.IsNullOrEmpty(request.Programme) ? null : ResourceNames.ParseProgramme(request.Programme, "programme");
        var scope = context.GetCaller().Scope;
        if (programme is { } named)
        {
            scope.Require(named);
        }
        scope.RequireEveryMemberState("a backtest (of forecasts of edition totals)");
        var forecaster = await forecasters.GetAsync(context.CancellationToken);
        if (programme is { } p && !forecaster.Dataset.Contains(p))
        {
            throw RpcErrors.NotFound(request.Programme, "programme");
        }
        var report = forecaster.Backtest ?? Backtester.Run(forecaster.Dataset, forecaster.Card.Options);
        return ForecastMapper.ToResponse(report, forecaster.Card.ModelVersion, programme, scope);
    }

    /// <inheritdoc/>
    public override async Task<RetrainResponse> Retrain(RetrainRequest request, ServerCallContext context)
    {
        var forecaster = await forecasters.RetrainAsync(context.CancellationToken);
        return new RetrainResponse
        {
            ModelVersion = forecaster.Card.ModelVersion,
            DatasetHash = forecaster.Dataset.Hash,
            Editions = forecaster.Dataset.Observations.Count,
        };
    }

    private static AttendanceEstimate ToEstimate(AttendanceInterval i) => new()
    {
        Expected = i.Expected,
        Lower80 = i.Lower80,
        Upper80 = i.Upper80,
        Lower95 = i.Lower95,
        Upper95 = i.Upper95,
    };

    private static DateOnly ParseDay(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw RpcErrors.InvalidArgument(field, $"'{text}' is not a date; write yyyy-MM-dd, such as 2024-08-20.");

    private static Participation ToParticipation(Catalogue catalogue, Model.Edition edition, Nomination n, int index)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"nominations[{index}]");
        if (!ParticipantId.TryParse(n.ParticipantId, out var id, out var why))
        {
            throw RpcErrors.InvalidArgument(field + ".participant_id", why);
        }
        if (!CountryCode.TryParse(n.CountryIso3, out var code) || !catalogue.TryGetCountry(code, out _))
        {
            throw RpcErrors.InvalidArgument(field + ".country_iso3", $"'{n.CountryIso3}' is not a member or observer state of the catalogue; use an ISO alpha-3 code such as TUR.");
        }
        var day = ParseDay(n.NominatedOn, field + ".nominated_on");
        if (NominationDates.Check(edition, day) is { } problem)
        {
            throw RpcErrors.InvalidArgument(field + ".nominated_on", problem);
        }
        var gender = n.Gender switch { Contracts.V1.Gender.Female => Model.Gender.Female, Contracts.V1.Gender.Male => Model.Gender.Male, _ => Model.Gender.Unknown };
        var person = catalogue.CreateParticipant(id, code, gender, string.IsNullOrWhiteSpace(n.InstitutionType) ? null : n.InstitutionType.Trim(), isSynthetic: false);
        return catalogue.CreateParticipation(person, edition.Id, Model.AttendanceStatus.Registered, isSynthetic: false, day);
    }

    // ArgumentException.Message appends " (Parameter 'x')"; the field violation names the field already.
    private static string Describe(ArgumentException e)
    {
        var suffix = e.Message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix > 0 ? e.Message[..suffix] : e.Message;
    }
}
