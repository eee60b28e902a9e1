using Grpc.Core;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Forecasting.Backtesting;
using Sesric.Analytics.Service.Errors;
using Sesric.Analytics.Service.Forecasts;
using Sesric.Analytics.Service.Mapping;

using LibraryScenario = Sesric.Analytics.Forecasting.Scenarios.Scenario;

namespace Sesric.Analytics.Service.Services;

/// <summary>Next-edition forecasts, the backtest behind the model choice, and retraining, over the shared forecaster.</summary>
public sealed class ForecastGrpcService(ForecasterCache forecasters) : ForecastService.ForecastServiceBase
{
    // The parameter name TrainedForecaster.Forecast gives when it refuses the programme itself (not a scenario field).
    private const string ForecasterProgrammeParameter = "programme";

    /// <inheritdoc/>
    public override async Task<ForecastResponse> Forecast(ForecastRequest request, ServerCallContext context)
    {
        var programme = ResourceNames.ParseProgramme(request.Programme, "programme")!.Value;
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
        var forecaster = await forecasters.GetAsync(context.CancellationToken);
        if (programme is { } p && !forecaster.Dataset.Contains(p))
        {
            throw RpcErrors.NotFound(request.Programme, "programme");
        }
        var report = forecaster.Backtest ?? Backtester.Run(forecaster.Dataset, forecaster.Card.Options);
        return ForecastMapper.ToResponse(report, forecaster.Card.ModelVersion, programme);
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

    // ArgumentException.Message appends " (Parameter 'x')"; the field violation names the field already.
    private static string Describe(ArgumentException e)
    {
        var suffix = e.Message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix > 0 ? e.Message[..suffix] : e.Message;
    }
}
