using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>The forecast service on the built-in data, over a real channel and real model training.</summary>
public sealed class ForecastServiceTests(SharedServiceHost shared) : IClassFixture<SharedServiceHost>
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);
    private static readonly Metadata Admin = TestKeys.Headers(TestKeys.Admin);
    private ForecastService.ForecastServiceClient Forecasts => new(shared.Host.Channel);

    [Fact]
    public async Task Forecast_of_diplomacy_cab_is_non_negative_with_nested_intervals()
    {
        var response = await Forecasts.ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }, Reader);

        Assert.Equal("programmes/diplomacy-cab", response.Programme);
        Assert.False(string.IsNullOrEmpty(response.ModelVersion));
        foreach (var target in new[] { response.Participants, response.MemberStates })
        {
            Assert.NotNull(target);
            Assert.True(target.Point >= 0, $"point {target.Point}");
            Assert.True(target.Interval80.Lower >= 0);
            Assert.InRange(target.Point, target.Interval80.Lower, target.Interval80.Upper);
            Assert.True(target.Interval95.Lower <= target.Interval80.Lower && target.Interval80.Upper <= target.Interval95.Upper,
                $"80% [{target.Interval80.Lower}, {target.Interval80.Upper}] not inside 95% [{target.Interval95.Lower}, {target.Interval95.Upper}]");
            Assert.Equal(0.8, target.Interval80.Level, 6);
            Assert.Equal(0.95, target.Interval95.Level, 6);
            Assert.False(string.IsNullOrEmpty(target.Model));
            Assert.False(string.IsNullOrEmpty(target.ModelReason));
            Assert.Equal(target.Model, target.Backtest.Candidate);
        }
    }

    [Fact]
    public async Task Forecast_under_a_scenario_echoes_it_and_stays_valid()
    {
        var response = await Forecasts.ForecastAsync(new ForecastRequest
        {
            Programme = "programmes/diplomacy-cab",
            Scenario = new Scenario { Modality = Modality.Virtual, DurationDays = 3, Partners = 2, EligibleStates = 57 },
        }, Reader);

        Assert.Contains("virtual", response.Scenario, StringComparison.Ordinal);
        Assert.True(response.Participants.Point >= 0);
    }

    [Fact]
    public async Task Forecast_with_a_bad_scenario_field_names_the_field()
    {
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Forecasts.ForecastAsync(new ForecastRequest
        {
            Programme = "programmes/diplomacy-cab",
            Scenario = new Scenario { DurationDays = 0 },
        }, Reader).ResponseAsync);

        Assert.Equal(["scenario.duration_days"], status.Fields());
    }

    [Fact]
    public async Task Forecast_of_an_unknown_programme_is_not_found()
    {
        var status = await RpcAssert.Fails(StatusCode.NotFound, () =>
            Forecasts.ForecastAsync(new ForecastRequest { Programme = "programmes/no-such-programme" }, Reader).ResponseAsync);

        Assert.Equal(ErrorReasons.NotFound, status.Reason());
    }

    [Fact]
    public async Task Backtest_lists_every_candidate_with_naive_at_mase_one()
    {
        var response = await Forecasts.BacktestAsync(new BacktestRequest(), Reader);

        foreach (var target in new[] { response.Participants, response.MemberStates })
        {
            Assert.True(target.Candidates.Count >= 2);
            Assert.Contains(target.Candidates, c => c.Candidate == target.Chosen);
            var naive = Assert.Single(target.Candidates, c => c.Candidate == "naive");
            Assert.Equal(1.0, naive.Mase, 6);
            Assert.All(target.Candidates, c => Assert.True(c.Mae >= 0 && c.Smape >= 0 && c.Points > 0));
            Assert.NotEmpty(target.ByProgramme);
        }

        var one = await Forecasts.BacktestAsync(new BacktestRequest { Programme = "programmes/diplomacy-cab" }, Reader);
        Assert.All(one.Participants.ByProgramme, c => Assert.Equal("programmes/diplomacy-cab", c.Programme));
        Assert.NotEmpty(one.Participants.ByProgramme);
    }

    [Fact]
    public async Task Retrain_needs_admin_and_gives_the_same_deterministic_model()
    {
        var status = await RpcAssert.Fails(StatusCode.PermissionDenied, () => Forecasts.RetrainAsync(new RetrainRequest(), Reader).ResponseAsync);
        Assert.Equal(ErrorReasons.RoleTooLow, status.Reason());
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => Forecasts.RetrainAsync(new RetrainRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.Unauthenticated, () =>
            Forecasts.ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }).ResponseAsync);

        var before = await Forecasts.ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }, Reader);
        var retrained = await Forecasts.RetrainAsync(new RetrainRequest(), Admin);

        Assert.Equal(before.ModelVersion, retrained.ModelVersion);
        Assert.True(retrained.Editions > 0);
        var after = await Forecasts.ForecastAsync(new ForecastRequest { Programme = "programmes/diplomacy-cab" }, Reader);
        Assert.Equal(before.Participants.Point, after.Participants.Point);
    }

    [Fact]
    public async Task Attendance_of_an_edition_from_its_registrations_in_the_store_with_per_nominee_probabilities_only_for_analysts()
    {
        var request = new ForecastAttendanceRequest { Edition = "programmes/diplomacy-cab/editions/6" };
        var response = await Forecasts.ForecastAttendanceAsync(request, Reader);

        Assert.Equal("programmes/diplomacy-cab/editions/6", response.Edition);
        Assert.Equal(100, response.Nominations);
        Assert.InRange(response.Attendance.Expected, response.Attendance.Lower80, response.Attendance.Upper80);
        Assert.True(response.Attendance.Lower95 <= response.Attendance.Lower80 && response.Attendance.Upper80 <= response.Attendance.Upper95);
        Assert.InRange(response.MemberStates.Expected, 1, response.NominatedMemberStates);
        Assert.Equal("pooled-rate", response.Model);
        Assert.StartsWith("the pooled show-up rate is used", response.ModelReason, StringComparison.Ordinal);
        Assert.Empty(response.Nominees);

        var analyst = await Forecasts.ForecastAttendanceAsync(new ForecastAttendanceRequest { Edition = request.Edition, Policy = DisclosurePolicy.Internal }, TestKeys.Headers(TestKeys.Analyst));
        Assert.Equal(100, analyst.Nominees.Count);
        Assert.Equal(analyst.Attendance.Expected, analyst.Nominees.Sum(n => n.Probability), 6);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () =>
            Forecasts.ForecastAttendanceAsync(new ForecastAttendanceRequest { Edition = request.Edition, Policy = DisclosurePolicy.Internal }, Reader).ResponseAsync);
    }

    [Fact]
    public async Task A_nomination_list_is_validated_field_by_field()
    {
        var request = new ForecastAttendanceRequest
        {
            Edition = "programmes/diplomacy-cab/editions/6",
            Nominations =
            {
                new Nomination { ParticipantId = "n-1", CountryIso3 = "TUR", Gender = Gender.Female, NominatedOn = "2022-09-01" },
                new Nomination { ParticipantId = "n-2", CountryIso3 = "TUR", NominatedOn = "2030-01-01" },
            },
        };
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, () => Forecasts.ForecastAttendanceAsync(request, Reader).ResponseAsync);
        Assert.Equal(["nominations[1].nominated_on"], status.Fields());

        request.Nominations.RemoveAt(1);
        var response = await Forecasts.ForecastAttendanceAsync(request, Reader);
        Assert.Equal(1, response.Nominations);
        Assert.Equal("2022-09-01", response.AsOf);
        Assert.InRange(response.Attendance.Expected, 0, 1);
    }
}
