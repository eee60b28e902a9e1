using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Model;

public sealed class NextEditionForecastTests
{
    private static NextEditionForecast Make(double point, double lower80, double upper80, double lower95, double upper95) =>
        new(ProgrammeId.Parse("diplomacy-cab"), "participants", 2026, point, lower80, upper80, lower95, upper95, "ses");

    [Fact]
    public void Nested_intervals_are_kept_as_given()
    {
        var forecast = Make(98, 80, 120, 60, 150);

        Assert.Equal((98.0, 80.0, 120.0, 60.0, 150.0), (forecast.Point, forecast.Lower80, forecast.Upper80, forecast.Lower95, forecast.Upper95));
        Assert.Equal(2026, forecast.Year);
        Assert.Equal("ses", forecast.Method);
    }

    [Theory]
    [InlineData(98, 100, 120, 60, 150)] // point below the 80 % interval
    [InlineData(98, 80, 120, 85, 150)] // 95 % interval does not hold the 80 % one
    [InlineData(98, 80, 160, 60, 150)]
    [InlineData(double.NaN, 80, 120, 60, 150)]
    [InlineData(98, 80, 120, 60, double.PositiveInfinity)]
    public void Intervals_that_do_not_nest_or_are_not_finite_are_refused(double point, double lower80, double upper80, double lower95, double upper95)
    {
        var e = Assert.Throws<ArgumentException>(() => Make(point, lower80, upper80, lower95, upper95));
        Assert.Contains("diplomacy-cab", e.Message, StringComparison.Ordinal);
    }
}
