using System.Globalization;

using Sesric.Analytics.Semantic.Tests.Execution;

using Xunit.Abstractions;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>
/// What the public policy costs in accuracy on the built-in registry: the distribution of the adjustment over the
/// cells of the groupings reports use, and the annual report's headline figures. The figures are printed (the README
/// quotes them) and bounded.
/// </summary>
public sealed class DisclosureUtilityTests(BuiltInStoreFixture fixture, ITestOutputHelper output) : IClassFixture<BuiltInStoreFixture>
{
    public static TheoryData<string> Groupings() => new()
    {
        "edition,member_state",
        "edition,oic_group",
        "edition,gender",
        "year,member_state",
        "member_state,gender",
        "edition,member_state,gender",
    };

    [Theory]
    [MemberData(nameof(Groupings))]
    public async Task The_adjustment_is_small_and_unbiased_over_every_grouping_reports_use(string grouping)
    {
        var query = SemanticQuery.Of("participants").By(grouping.Split(','));
        var exact = await fixture.Engine.ExecuteAsync(query.WithPolicy(DisclosurePolicy.Internal));
        var shown = await fixture.Engine.ExecuteAsync(query);
        var at = exact.IndexOf("participants");
        var changes = exact.Rows.Zip(shown.Rows, (e, s) => (Exact: (long)e[at].Value!, Shown: (long)s[at].Value!)).ToArray();

        var changed = changes.Count(c => c.Exact != c.Shown);
        var meanAbs = changes.Average(c => Math.Abs(c.Shown - c.Exact));
        var largest = changes.Max(c => Math.Abs(c.Shown - c.Exact));
        var bias = changes.Average(c => c.Shown - c.Exact);
        var small = changes.Count(c => c.Exact is 1 or 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{grouping}: {changes.Length} cells ({small} of 1-2 people), {changed} changed ({(double)changed / changes.Length:P0}), mean |change| {meanAbs:0.00}, largest {largest}, mean change {bias:+0.00;-0.00}"));

        Assert.InRange(largest, 0, PerturbationTable.Current.LargestChange);
        Assert.InRange(meanAbs, 0.1, 1.5);
        Assert.InRange(bias, -0.5, 0.5);
    }

    [Fact]
    public async Task The_annual_reports_headline_figures_keep_exact_edition_totals()
    {
        foreach (var year in new[] { 2020, 2022 })
        {
            var filter = $"programme = \"diplomacy-cab\" AND year = {year}";
            var query = SemanticQuery.Of("participants", "member_states", "coverage", "female_share").By("year").Where(filter);
            var exact = (await fixture.Engine.ExecuteAsync(query.WithPolicy(DisclosurePolicy.Internal))).Rows.Single();
            var shown = (await fixture.Engine.ExecuteAsync(query)).Rows.Single();
            Assert.Equal(exact[1].Value, shown[1].Value);
            Assert.Equal(exact[2].Value, shown[2].Value);
            Assert.Equal(exact[3].Value, shown[3].Value);

            var top = SemanticQuery.Of("participants").By("member_state").Where(filter).OrderedBy("participants desc, member_state").Page(10);
            var exactTop = (await fixture.Engine.ExecuteAsync(top.WithPolicy(DisclosurePolicy.Internal))).Rows.Select(r => $"{r[0].Value} {r[1].Value}");
            var shownTop = (await fixture.Engine.ExecuteAsync(top)).Rows.Select(r => $"{r[0].Value} {r[1].Value}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{year}: participants {shown[1].Value}, member states {shown[2].Value}, coverage {shown[3].AsDouble():P1} (all exact); female share exact {exact[4].AsDouble():P1}, public {shown[4].AsDouble():P1}"));
            output.WriteLine($"  top 10 exact:  {string.Join(", ", exactTop)}");
            output.WriteLine($"  top 10 public: {string.Join(", ", shownTop)}");
            Assert.InRange(Math.Abs(shown[4].AsDouble()!.Value - exact[4].AsDouble()!.Value), 0, 0.05);
        }
    }
}
