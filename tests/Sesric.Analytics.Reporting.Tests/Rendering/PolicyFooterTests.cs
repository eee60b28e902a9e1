using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Rendering;

namespace Sesric.Analytics.Reporting.Tests.Rendering;

/// <summary>Every chart's provenance line says which policy produced its figures (a chart travels without its command).</summary>
public sealed class PolicyFooterTests
{
    private static string Line(QueryMetadata metadata, Language language = Language.English) =>
        Captions.SourceLine(null, metadata, language, new ValueFormatter(language));

    [Fact]
    public void Adjusted_counts_are_counted_and_name_the_perturbation_table()
    {
        var metadata = new QueryMetadata(10, TimeSpan.Zero, 0, null, "public") { PerturbationTable = "ptable-v1", PerturbedCells = 14 };

        Assert.Equal("Source: SESRIC · 14 counts adjusted for privacy (ptable-v1)", Line(metadata));
        Assert.EndsWith("1 count adjusted for privacy (ptable-v1)", Line(metadata with { PerturbedCells = 1 }), StringComparison.Ordinal);
        Assert.EndsWith("14 effectifs ajustés (confidentialité) (ptable-v1)", Line(metadata, Language.French), StringComparison.Ordinal);
        Assert.EndsWith("عددان معدَّلان لحماية الخصوصية (ptable-v1)", Line(metadata with { PerturbedCells = 2 }, Language.Arabic), StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_figures_say_they_are_not_for_publication_and_public_ones_with_nothing_adjusted_say_nothing_more()
    {
        Assert.Equal("Source: SESRIC · internal figures (exact, not for publication)", Line(new QueryMetadata(10, TimeSpan.Zero, 0, null, "internal")));
        Assert.Equal("Source: SESRIC", Line(new QueryMetadata(10, TimeSpan.Zero, 0, null, "public") { PerturbationTable = "ptable-v1", PerturbedCells = 0 }));
    }
}
