using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Execution;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>
/// Every measure (and its time-intelligence forms), ungrouped and by every dimension, answers under both policies on the built-in data,
/// or is refused as a bad query: never an internal failure. (Returning share by year once crashed under the public
/// policy: first-time participants of whole editions needed the people count's cell key, which an exact cell had not asked for.)
/// The sample model file's user measures are held to the same.
/// </summary>
public sealed class EveryMeasureUnderPolicyTests(BuiltInStoreFixture fixture) : IClassFixture<BuiltInStoreFixture>
{
    private static readonly SemanticModel Model = SemanticModelFile.Load(Tests.Model.Extension.ModelFiles.Sample);

    private readonly QueryEngine _engine = new(fixture.Store, Model);

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var m in Model.Measures)
        {
            data.Add(m.Name, "");
            foreach (var d in Model.Dimensions)
            {
                data.Add(m.Name, d.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_measure_by_a_dimension_answers_or_is_refused_under_either_policy(string measure, string dimension)
    {
        foreach (var policy in new[] { DisclosurePolicy.PublicDefault, DisclosurePolicy.Internal })
        {
            var query = (dimension.Length == 0 ? SemanticQuery.Of(measure) : SemanticQuery.Of(measure).By(dimension)).WithPolicy(policy);
            ResultTable table;
            try
            {
                table = await _engine.ExecuteAsync(query);
            }
            catch (QueryException)
            {
                // A combination the model refuses (a published total by gender) says so; that is an answer.
                continue;
            }
            Assert.NotEmpty(table.Rows);
            var at = table.IndexOf(measure);
            Assert.All(table.Rows, r => Assert.True(r[at].Status != CellStatus.Ok || r[at].Value is not null));
        }
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public async Task Every_time_intelligence_form_answers_by_year_under_either_policy(string measure)
    {
        foreach (var function in SemanticModel.TimeIntelligenceFunctions)
        {
            foreach (var policy in new[] { DisclosurePolicy.PublicDefault, DisclosurePolicy.Internal })
            {
                var query = SemanticQuery.Of(measure, $"{function}({measure})").By("year").WithPolicy(policy);
                try
                {
                    var table = await _engine.ExecuteAsync(query);
                    Assert.NotEmpty(table.Rows);
                }
                catch (QueryException e) when (e.Kind == QueryErrorKind.TimeIntelligence)
                {
                    // running_total of a ratio is refused with the reason.
                }
            }
        }
    }

    public static TheoryData<string> Measures() => [.. Model.Measures.Select(m => m.Name)];
}
