using System.Text;

using Google.Protobuf;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Mapping;
using Sesric.Analytics.Api.Statistics;
using Sesric.Analytics.Application.Forecasts;
using Sesric.Analytics.Forecasting;
using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Reporting.Binding;
using Sesric.Analytics.Reporting.Specs;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Services;

/// <summary>
/// Charts (PNG/SVG) and HTML reports rendered from the store's data under the public disclosure policy, every query within
/// the caller's scope (a visual or annual report naming a programme outside it is PERMISSION_DENIED).
/// </summary>
public sealed class ReportGrpcService(
    StoreHost host, CallerStatistics statistics, ForecasterCache forecasts, ChartRenderSlots renderSlots, ILogger<ReportGrpcService> logger) : V1.ReportService.ReportServiceBase
{
    /// <summary>The largest chunk of HTML sent in one message.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <inheritdoc/>
    public override async Task<V1.RenderChartResponse> RenderChart(V1.RenderChartRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var format = request.Format switch
        {
            V1.ChartFormat.Png or V1.ChartFormat.Svg => request.Format,
            _ => throw RpcErrors.InvalidArgument("format", "must be CHART_FORMAT_PNG or CHART_FORMAT_SVG."),
        };
        var language = ReportRequests.Language(request.Language);
        var theme = ReportRequests.Theme(request.Theme);
        var engine = statistics.For(context);
        var vocabulary = ReportVocabulary.From(engine.Model);
        var visual = ReportRequests.Visual(request.VisualJson, vocabulary);
        var table = await engine.ExecuteAsync(VisualQuery.Build(visual, visual.Filters, null, vocabulary), ct);
        var options = new ChartOptions(Vocabulary: vocabulary, Labels: new MemberLabels(await host.GetCatalogueAsync(ct)));
        var (title, description) = ReportRenderer.AltText(visual, table, theme, language, options);
        var content = format == V1.ChartFormat.Png
            ? ByteString.CopyFrom(ReportRenderer.RenderPng(visual, table, theme, language, options))
            : ByteString.CopyFromUtf8(ReportRenderer.RenderSvg(visual, table, theme, language, options));
        return new V1.RenderChartResponse
        {
            Content = content,
            ContentType = format == V1.ChartFormat.Png ? "image/png" : "image/svg+xml",
            AltTitle = title,
            AltDescription = description,
        };
    }

    /// <inheritdoc/>
    public override async Task RenderReport(V1.RenderReportRequest request, IServerStreamWriter<V1.RenderReportResponse> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var language = ReportRequests.Language(request.Language);
        var engine = statistics.For(context);
        var catalogue = await host.GetCatalogueAsync(ct);
        Report report;
        ForecastBand? forecast = null;
        ProgrammeId? annualProgramme = null;
        switch (request.SourceCase)
        {
            case V1.RenderReportRequest.SourceOneofCase.ReportJson:
                report = ReportRequests.Report(request.ReportJson);
                break;
            case V1.RenderReportRequest.SourceOneofCase.Annual:
                var programme = ResourceNames.ParseProgramme(request.Annual.Programme, "annual.programme")!.Value;
                engine.Scope.Require(programme);
                engine.Scope.RequireEveryMemberState("an annual report (its figures are edition totals)");
                if (request.Annual.Year is < 1969 or > 2100)
                {
                    throw RpcErrors.InvalidArgument("annual.year", $"must be a year between 1969 and 2100, was {request.Annual.Year}.");
                }
                if (!catalogue.TryGetProgramme(programme, out _))
                {
                    throw RpcErrors.NotFound(request.Annual.Programme, "programme");
                }
                try
                {
                    report = AnnualReport.Build(programme, request.Annual.Year, catalogue);
                }
                catch (NoEditionInYearException e)
                {
                    throw RpcErrors.InvalidArgument("annual.year", e.Message);
                }
                annualProgramme = programme;
                forecast = request.Annual.WithoutForecast ? null : await NextEditionBandAsync(programme, request.Annual.Year, ct);
                break;
            default:
                throw RpcErrors.InvalidArgument("source", "set report_json (a report spec) or annual (programme and year).");
        }
        string html;
        try
        {
            // Charts render within the server's shared slots (Sesric:MaxConcurrentChartRenders), not on every core per call.
            var options = AnnualReport.RenderOptions(catalogue, forecast, annualProgramme) with { RenderSlots = renderSlots };
            html = await ReportRenderer.RenderHtmlAsync(report, engine, language, ct, options);
        }
        catch (SpecException e)
        {
            throw ReportRequests.Invalid(e.Problems);
        }
        var bytes = Encoding.UTF8.GetBytes(html);
        for (var start = 0; start < bytes.Length; start += ChunkBytes)
        {
            var message = new V1.RenderReportResponse { Chunk = ByteString.CopyFrom(bytes, start, Math.Min(ChunkBytes, bytes.Length - start)) };
            if (start == 0)
            {
                message.ContentType = "text/html; charset=utf-8";
            }
            await responseStream.WriteAsync(message, ct);
        }
    }

    // The same band `sesric report annual` draws: the forecast as of the report year (trained on the shared forecaster's
    // editions up to that year, for the next edition), turned into the band by the reporting library.
    private async Task<ForecastBand?> NextEditionBandAsync(ProgrammeId programme, int year, CancellationToken ct)
    {
        try
        {
            var forecaster = await forecasts.GetAsync(ct);
            return ForecastBand.From(AsOfForecast.NextEditionAfter(forecaster.Dataset, programme, year, ForecastTarget.Participants));
        }
        catch (InvalidOperationException e)
        {
            // Too little data to train on: the report is still worth having, without the band.
            logger.LogWarning("Annual report for {Programme} drawn without a forecast band: {Reason}", programme, e.Message);
            return null;
        }
    }
}
