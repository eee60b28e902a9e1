using Sesric.Analytics.Dataset;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;

using Xunit.Abstractions;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>Generated registry data (known answers) in a real DuckDB store, shared by the attack tests.</summary>
public sealed class AttackDataFixture : IAsyncLifetime
{
    private TempStore _temp = null!;

    public QueryEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, Seed: 11, Programmes: 3, EditionsPerProgramme: 5));
        await _temp.Store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await _temp.Store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await _temp.Store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await _temp.Store.ImportParticipationsAsync(data.Participations, Storage.ImportRequest.Default);
        Engine = new QueryEngine(_temp.Store);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();
}

/// <summary>
/// The attacks that defeated per-query suppression, run against the public policy on data whose true counts the
/// test knows. A target is a cell (edition, member state, gender) holding 1 or 2 people. For each attack the test
/// measures how often the attacker's best estimate, rounded to 1 or 2, is the true count, against the rate a reader
/// achieves from the target's own published value alone (the Bayes guess from the perturbation table, with the
/// true share of 1s among targets given to the reader for free). An attack that does materially better fails.
/// </summary>
public sealed class DisclosureAttackTests(AttackDataFixture fixture, ITestOutputHelper output) : IClassFixture<AttackDataFixture>
{
    /// <summary>How much better than the published value alone an attack may guess before the suite fails.</summary>
    private const double Tolerance = 0.05;

    private static readonly string[] EditionLevels = ["edition", "programme", ""];
    private static readonly string[] StateLevels = ["member_state", "oic_group", ""];
    private static readonly string[] GenderLevels = ["gender", ""];

    private readonly QueryEngine _engine = fixture.Engine;

    [Fact]
    public async Task Differencing_a_filter_and_its_complement_is_refused_under_the_public_policy()
    {
        foreach (var complement in new[] { "member_state != \"TUR\"", "NOT member_state = \"TUR\"", "NOT gender = \"female\"", "gender = \"female\" OR gender = \"male\"" })
        {
            var e = await Assert.ThrowsAsync<QueryException>(() => _engine.ExecuteAsync(
                SemanticQuery.Of("participants").Where("programme = \"g001\" AND year = 2016 AND " + complement.Replace(" OR ", " OR programme = \"g001\" AND "))));
            Assert.Equal(QueryErrorKind.InvalidQuery, e.Kind);
        }
    }

    [Fact]
    public async Task The_same_cell_asked_many_ways_has_one_value()
    {
        var fine = await Fine();
        var checkedCells = 0;
        foreach (var ((edition, programme, state, group, gender), value) in fine.Published.Take(12))
        {
            var year = fine.Years[edition];
            var ways = new[]
            {
                SemanticQuery.Of("participants").Where($"edition = \"{edition}\" AND member_state = \"{state}\" AND gender = \"{gender}\""),
                SemanticQuery.Of("participants").By("gender").Where($"edition = \"{edition}\" AND member_state = \"{state}\""),
                SemanticQuery.Of("participants").By("member_state", "gender").Where($"programme = \"{programme}\" AND year = {year} AND oic_group = \"{group}\"").OrderedBy("participants desc"),
                SemanticQuery.Of("participants", "female_share").By("year", "member_state").Where($"edition = \"{edition}\" AND gender = \"{gender}\"").OrderedBy("member_state desc"),
                SemanticQuery.Of("participations").By("edition", "oic_group", "member_state", "gender").Where($"member_state = \"{state}\""),
            };
            foreach (var query in ways)
            {
                var table = await _engine.ExecuteAsync(query);
                var at = (query.Measures[0] == "participations") ? table.IndexOf("participations") : table.IndexOf("participants");
                var row = table.Rows.Single(r => Matches(table, r, edition, state, gender, year));
                Assert.Equal(value, row[at].Value);
            }

            // Page by page, seven rows at a time: the cell's page shows the same value.
            var paged = SemanticQuery.Of("participants").By("member_state", "gender").Where($"edition = \"{edition}\"").OrderedBy("participants desc");
            var found = 0;
            for (var offset = 0; ; offset += 7)
            {
                var page = await _engine.ExecuteAsync(paged.Page(7, offset));
                foreach (var row in page.Rows.Where(r => Matches(page, r, edition, state, gender, year)))
                {
                    Assert.Equal(value, row[2].Value);
                    found++;
                }
                if (offset + 7 >= page.Metadata.TotalRows)
                {
                    break;
                }
            }
            Assert.Equal(1, found);
            checkedCells++;
        }
        Assert.Equal(12, checkedCells);
    }

    [Fact]
    public async Task No_attack_recovers_counts_of_1_or_2_materially_more_often_than_the_published_value_alone()
    {
        var fine = await Fine();
        var truth = await FineTruth();
        var coarse = new Dictionary<(string, string, string), Dictionary<(string, string, string), long>>();
        foreach (var e in EditionLevels)
        {
            foreach (var s in StateLevels)
            {
                foreach (var g in GenderLevels)
                {
                    coarse[(e, s, g)] = await Coarse(e, s, g);
                }
            }
        }

        var targets = truth.Where(t => t.Value is 1 or 2).Select(t => t.Key).ToList();
        Assert.True(targets.Count >= 100, $"only {targets.Count} targets of 1 or 2 people; the data is too coarse for the test");
        var share1 = targets.Count(t => truth[t] == 1) / (double)targets.Count;
        var table = PerturbationTable.Current;

        var hits = new Dictionary<string, int>();
        var hitsByCount = new Dictionary<(string, long), int>();
        void Record(string attack, bool right, long n)
        {
            hits[attack] = hits.GetValueOrDefault(attack) + (right ? 1 : 0);
            hitsByCount[(attack, n)] = hitsByCount.GetValueOrDefault((attack, n)) + (right ? 1 : 0);
        }
        void Hit(string attack, double estimate, long n) =>
            Record(attack, Math.Clamp((long)Math.Round(estimate, MidpointRounding.AwayFromZero), 1, 2) == n, n);

        foreach (var target in targets)
        {
            var n = truth[target];
            var own = fine.Published.GetValueOrDefault(target);
            // The reader's best guess from the published value alone.
            var p1 = table.Probability(1, own) * share1;
            var p2 = table.Probability(2, own) * (1 - share1);
            Record("published value alone (baseline)", (p1 >= p2 ? 1 : 2) == n, n);

            // Every coarser cell the grammar can name around the target, minus every other fine cell inside it.
            var (edition, programme, state, group, gender) = target;
            double weighted = own;
            double weights = 1;
            foreach (var ((e, s, g), cells) in coarse)
            {
                var key = (Level(e, edition, programme), Level(s, state, group), g == "" ? "" : gender);
                if (e == "edition" && s == "member_state" && g == "gender")
                {
                    continue;
                }
                var estimate = (double)cells.GetValueOrDefault(key);
                var terms = 1;
                foreach (var (other, value) in fine.Published)
                {
                    if (other != target && Inside(other, e, s, g, key))
                    {
                        estimate -= value;
                        terms++;
                    }
                }
                var name = $"{Name(e, s, g)} minus the other cells inside it";
                Hit(name, estimate, n);
                // Exact whole-edition totals carry no noise of their own.
                var variance = (s == "" && g == "" ? 0 : 1) + (terms - 1);
                weighted += estimate / Math.Max(variance, 1);
                weights += 1.0 / Math.Max(variance, 1);
            }
            Hit("averaging every estimate (inverse-variance weights)", weighted / weights, n);
        }

        var baseline = hits["published value alone (baseline)"] / (double)targets.Count;
        var ones = targets.Count(t => truth[t] == 1);
        var twos = targets.Count - ones;
        output.WriteLine($"{targets.Count} targets ({ones} of 1 person, {twos} of 2); correct guesses overall, for true 1, for true 2:");
        foreach (var (attack, count) in hits.OrderByDescending(h => h.Value))
        {
            output.WriteLine($"  {count / (double)targets.Count:P1}  {hitsByCount.GetValueOrDefault((attack, 1L)) / (double)ones:P1}  {hitsByCount.GetValueOrDefault((attack, 2L)) / (double)twos:P1}  {attack}");
        }
        foreach (var (attack, count) in hits)
        {
            Assert.True(count / (double)targets.Count <= baseline + Tolerance,
                $"'{attack}' guessed {count / (double)targets.Count:P1} of the small counts right, against {baseline:P1} from the published value alone");
        }
    }

    private static string Level(string level, string fine, string middle) => level switch
    {
        "edition" or "member_state" => fine,
        "programme" or "oic_group" => middle,
        _ => "",
    };

    private static bool Inside((string Edition, string Programme, string State, string Group, string Gender) cell, string e, string s, string g, (string E, string S, string G) key) =>
        Level(e, cell.Edition, cell.Programme) == key.E && Level(s, cell.State, cell.Group) == key.S && (g == "" || cell.Gender == key.G);

    private static string Name(string e, string s, string g)
    {
        var parts = new[] { e, s, g }.Where(p => p.Length > 0).ToArray();
        return parts.Length == 0 ? "the exact grand total" : "the cell by " + string.Join(" x ", parts);
    }

    private static bool Matches(ResultTable table, IReadOnlyList<ResultCell> row, string edition, string state, string gender, long year)
    {
        var names = table.Columns.Select(c => c.Name).ToList();
        bool Is(string column, object value) => names.IndexOf(column) is var i && (i < 0 || Equals(row[i].Value, value));
        return Is("edition", edition) && Is("member_state", state) && Is("gender", gender) && Is("year", year);
    }

    private async Task<Dictionary<(string, string, string), long>> Coarse(string e, string s, string g)
    {
        var dims = new[] { e, s, g }.Where(d => d.Length > 0).ToArray();
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participations").By(dims));
        var result = new Dictionary<(string, string, string), long>();
        foreach (var row in table.Rows)
        {
            string At(string d) => d.Length == 0 ? "" : (string)row[table.IndexOf(d)].Value!;
            result[(At(e), At(s), At(g))] = (long)row[table.IndexOf("participations")].Value!;
        }
        return result;
    }

    private async Task<FineCells> Fine()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participations").By("edition", "programme", "year", "member_state", "oic_group", "gender"));
        return FineCells.From(table);
    }

    private async Task<Dictionary<(string, string, string, string, string), long>> FineTruth()
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participations").By("edition", "programme", "year", "member_state", "oic_group", "gender").WithPolicy(DisclosurePolicy.Internal));
        return FineCells.From(table).Published;
    }

    private sealed record FineCells(Dictionary<(string Edition, string Programme, string State, string Group, string Gender), long> Published, Dictionary<string, long> Years)
    {
        public static FineCells From(ResultTable table)
        {
            var cells = new Dictionary<(string, string, string, string, string), long>();
            var years = new Dictionary<string, long>();
            foreach (var row in table.Rows)
            {
                var edition = (string)row[0].Value!;
                cells[(edition, (string)row[1].Value!, (string)row[3].Value!, (string)row[4].Value!, (string)row[5].Value!)] = (long)row[6].Value!;
                years[edition] = (long)row[2].Value!;
            }
            return new FineCells(cells, years);
        }
    }
}
