using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Forecasting.Tests.Data;

/// <summary>How editions and statistics become the forecaster's history.</summary>
public sealed class ForecastDatasetTests
{
    private static readonly ProgrammeId Programme = ProgrammeId.Parse("test-cab");

    private static Catalogue Catalogue()
    {
        var countries = new[]
        {
            new Country(CountryCode.Parse("TUR"), CountryKind.Member, new LocalizedText("Türkiye"), 1969),
            new Country(CountryCode.Parse("SYR"), CountryKind.Member, new LocalizedText("Syria"), 1972,
                suspensions: [new MembershipSuspension(new DateOnly(2012, 8, 15), new DateOnly(2025, 3, 7))]),
            new Country(CountryCode.Parse("BIH"), CountryKind.Observer, new LocalizedText("Bosnia and Herzegovina"), null, observerSince: 1994),
        };
        static Edition Edition(int number, int year, DateRange? dates, PublishedTotals published, params string[] partners) =>
            new(EditionId.Of(Programme, number), year, dates, Modality.Virtual, null, null, partners, null, published);
        return new Catalogue(
            [new Programme(Programme, new LocalizedText("Test programme"), 2010)],
            [
                Edition(1, 2011, new DateRange(new DateOnly(2011, 9, 14), new DateOnly(2011, 9, 17)), new PublishedTotals(40, 20, null), "Academy"),
                Edition(2, 2013, null, new PublishedTotals(50, 25, null)),
                Edition(3, 2025, new DateRange(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 1)), PublishedTotals.None, "A", "B"),
            ],
            countries);
    }

    private static EditionStatistics Stats(int number, int year, long participants, long states, PublishedTotals published) =>
        new(EditionId.Of(Programme, number), year, participants, states, 0, 0, published);

    [Fact]
    public void RegistryCountsWinOverPublishedTotalsWhereTheRegistryHasRows()
    {
        var dataset = ForecastDataset.From(Catalogue(), [Stats(1, 2011, 42, 21, new PublishedTotals(40, 20, null))]);
        var first = dataset.Observations[0];
        Assert.Equal((42, 21), (first.Participants, first.MemberStates));
        Assert.Equal(AttendanceSource.Registry, first.ParticipantsSource);
    }

    [Fact]
    public void PublishedTotalsStandInWhereTheRegistryIsEmpty()
    {
        var dataset = ForecastDataset.From(Catalogue(), [Stats(2, 2013, 0, 0, new PublishedTotals(50, 25, null))]);
        var second = dataset.Observations[1];
        Assert.Equal((50, 25), (second.Participants, second.MemberStates));
        Assert.Equal(AttendanceSource.Published, second.ParticipantsSource);
    }

    [Fact]
    public void AnEditionWithNeitherIsAGapNotAZero()
    {
        var third = ForecastDataset.From(Catalogue(), []).Observations[2];
        Assert.Null(third.Participants);
        Assert.Null(third.MemberStates);
        Assert.Equal(AttendanceSource.None, third.ParticipantsSource);
    }

    [Fact]
    public void ContextComesFromTheCatalogue()
    {
        var observations = ForecastDataset.From(Catalogue(), []).Observations;
        Assert.Equal((4, 9, 1), (observations[0].DurationDays!.Value, observations[0].Month!.Value, observations[0].Partners));
        Assert.Null(observations[1].DurationDays);
        Assert.Equal(2, observations[2].Partners);
    }

    [Fact]
    public void EligibleStatesFollowMembershipOnTheEditionsDate()
    {
        var observations = ForecastDataset.From(Catalogue(), []).Observations;

        // 2011: both members; 2013 (1 July, no dates): Syria suspended; October 2025: restored. Observers never count.
        Assert.Equal([2, 1, 2], observations.Select(o => o.EligibleStates));
    }

    [Fact]
    public void TheHashIsStableAndChangesWithAnyFigure()
    {
        var a = ForecastDataset.From(Catalogue(), []);
        var b = ForecastDataset.From(Catalogue(), []);
        var c = ForecastDataset.From(Catalogue(), [Stats(1, 2011, 41, 20, new PublishedTotals(40, 20, null))]);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
        Assert.Equal(64, a.Hash.Length);
    }

    [Fact]
    public void DuplicateEditionsAreRefused()
    {
        var one = ForecastDataset.From(Catalogue(), []).Observations[0];
        var error = Assert.Throws<ArgumentException>(() => new ForecastDataset([one, one]));
        Assert.Contains("test-cab/1", error.Message, StringComparison.Ordinal);
    }
}
