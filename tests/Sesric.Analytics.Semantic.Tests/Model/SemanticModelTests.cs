using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic.Tests.Model;

public class SemanticModelTests
{
    private static readonly SemanticModel Model = SemanticModel.Default;

    [Fact]
    public void Every_measure_and_dimension_has_three_labels_and_a_definition()
    {
        string[] dimensions = ["programme", "edition", "year", "member_state", "oic_group", "gender", "modality", "host_country"];
        string[] measures = ["participants", "participations", "editions", "member_states", "coverage", "female_share", "participants_per_edition", "new_member_states", "returning_share", "published_participants", "published_member_states"];

        Assert.Subset(Model.Dimensions.Select(d => d.Name).ToHashSet(), dimensions.ToHashSet());
        Assert.Equal(measures, Model.Measures.Select(m => m.Name));
        foreach (var (label, description) in Model.Measures.Select(m => (m.Label, m.Description)).Concat(Model.Dimensions.Select(d => (d.Label, d.Description))))
        {
            Assert.NotNull(label.Arabic);
            Assert.NotNull(label.French);
            Assert.True(description.Length > 30, description);
        }
    }

    [Fact]
    public void Time_intelligence_measures_are_composed_from_a_base_measure()
    {
        Assert.True(Model.TryGetMeasure(" yoy_pct( participants ) ", out var pct));
        Assert.Equal("yoy_pct(participants)", pct.Name);
        Assert.Equal(ValueFormat.SignedPercent, pct.ValueFormat);
        Assert.Same(Model.Measures[0], pct.Inner);
        Assert.True(Model.TryGetMeasure("yoy_change(member_states)", out var change));
        Assert.Equal(ValueFormat.SignedInteger, change.ValueFormat);
        Assert.Contains("السابقة", change.Label.Arabic);
        Assert.False(Model.TryGetMeasure("yoy_pct(yoy_pct(participants))", out _));
        Assert.False(Model.TryGetMeasure("sum(participants)", out _));
    }
}
