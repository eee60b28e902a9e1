using System.Text;

using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>A service started with <c>Sesric:ModelPath</c> (the sample model file) over a real channel: GetModel, Query and RenderReport all know its measures.</summary>
public sealed class UserModelTests : IAsyncLifetime
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private ServiceHost _host = null!;

    /// <summary>samples/model/completion-rate.json in the repository.</summary>
    internal static string SampleModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "model", "completion-rate.json");
            }
        }
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartKestrelAsync(new Dictionary<string, string?> { ["Sesric:ModelPath"] = SampleModel() });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetModel_lists_the_files_measures_with_their_kind_definition_and_format()
    {
        var model = await new ModelService.ModelServiceClient(_host.Channel).GetModelAsync(new GetModelRequest(), Reader);

        var rate = model.Measures.Single(m => m.Name == "completion_rate");
        Assert.Equal(("expression", "participants[attendance = \"completed\"] / participants", ValueFormat.Percent, "معدل الإتمام"), (rate.Kind, rate.Expression, rate.Format, rate.Label.Ar));
        Assert.Equal("share", model.Measures.Single(m => m.Name == "women_completion_share").Kind);
        var participants = model.Measures.Single(m => m.Name == "participants");
        Assert.Equal(("", ""), (participants.Kind, participants.Expression));
        Assert.Contains(model.Dimensions, d => d.Name == "attendance" && d.DisclosureLevel == DisclosureLevel.Person);
    }

    [Fact]
    public async Task Query_computes_completion_rate_by_year_as_the_in_process_engine_does_under_the_public_policy()
    {
        var response = await _host.Stats.QueryAsync(new QueryRequest { Measures = { "completion_rate", "completers" }, Dimensions = { "year" } }, Reader);
        var engine = _host.Services.GetRequiredService<SemanticStatisticsEngine>();
        var expected = await engine.ExecuteAsync(Semantic.SemanticQuery.Of("completion_rate", "completers").By("year"));

        Assert.Equal(["year", "completion_rate", "completers"], response.Columns.Select(c => c.Name));
        Assert.Equal(ValueFormat.Percent, response.Columns[1].Format);
        Assert.Equal(expected.Rows.Count, response.Rows.Count);
        for (var i = 0; i < response.Rows.Count; i++)
        {
            var cells = response.Rows[i].Cells;
            Assert.Equal((long)expected.Rows[i][0].Value!, cells[0].IntegerValue);
            Assert.Equal(expected.Rows[i][1].AsDouble(), cells[1].ValueCase == ResultCell.ValueOneofCase.NumberValue ? cells[1].NumberValue : null);
            Assert.InRange(cells[1].NumberValue, 0, 1);
            Assert.Equal(expected.Rows[i][2].Value, cells[2].ValueCase == ResultCell.ValueOneofCase.IntegerValue ? cells[2].IntegerValue : null);
        }
        Assert.Contains(response.Rows, r => r.Cells[1].NumberValue > 0);
    }

    [Fact]
    public async Task RenderReport_draws_a_report_spec_that_names_a_user_measure()
    {
        using var call = new ReportService.ReportServiceClient(_host.Channel).RenderReport(new RenderReportRequest
        {
            ReportJson = """{"title":"Completion","pages":[{"title":"Completion by year","visuals":[{"id":"rate","mark":"line","measure":"completion_rate","category":"year"}]}]}""",
            Language = ReportLanguage.Fr,
        }, Reader);
        var html = new StringBuilder();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            html.Append(message.Chunk.ToStringUtf8());
        }

        Assert.Contains("Taux d'achèvement", System.Net.WebUtility.HtmlDecode(html.ToString()), StringComparison.Ordinal);
        Assert.Contains("%", html.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_odata_feed_metadata_lists_the_files_measures_and_the_attendance_dimension()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _host.JsonAddress + "/odata/$metadata");
        request.Headers.Add("x-api-key", TestKeys.Reader);

        using var response = await http.SendAsync(request);
        var metadata = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"completion_rate\"", metadata, StringComparison.Ordinal);
        Assert.Contains("\"attendance\"", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_without_the_model_file_refuses_the_user_measure_by_name()
    {
        await using var plain = await ServiceHost.StartInMemoryAsync();

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => plain.Stats.QueryAsync(new QueryRequest { Measures = { "completion_rate" } }, Reader).ResponseAsync);

        Assert.Contains("completion_rate", status.Message, StringComparison.Ordinal);
    }
}
