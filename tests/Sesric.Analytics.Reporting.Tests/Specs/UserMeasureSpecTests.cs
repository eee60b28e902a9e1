using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Tests.Support;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Tests.Specs;

/// <summary>A report spec may name a measure a model file defines, once the vocabulary is that model's.</summary>
public sealed class UserMeasureSpecTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private static readonly SemanticModel Model = SemanticModel.Default.With(ModelExtension.Parse(
        """
        { "measures": [ { "name": "completion_rate", "kind": "expression",
            "expression": "participants[attendance = \"completed\"] / participants",
            "label": { "en": "Completion rate", "fr": "Taux d'achèvement" }, "format": "percent" } ] }
        """));

    private const string Spec =
        """{"title":"Completion","pages":[{"title":"By year","visuals":[{"id":"rate","mark":"column","measure":"completion_rate","category":"year"}]}]}""";

    [Fact]
    public void The_spec_is_valid_under_the_models_vocabulary_and_not_under_the_built_in_one()
    {
        var report = ReportJson.Read(Spec);

        Assert.Empty(ReportValidator.Validate(report, ReportVocabulary.From(Model)));
        Assert.Contains(ReportValidator.Validate(report), p => p.Path.EndsWith("measure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_renders_the_user_measure_with_its_label_in_the_language_asked()
    {
        var html = await ReportRenderer.RenderHtmlAsync(ReportJson.Read(Spec), new QueryEngine(seeded.Store, Model), Language.French);

        Assert.Contains("Taux d", html, StringComparison.Ordinal);
        Assert.Contains("%", html, StringComparison.Ordinal);
    }
}
