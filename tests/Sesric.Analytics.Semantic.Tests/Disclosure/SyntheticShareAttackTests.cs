using System.Globalization;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;

using Xunit.Abstractions;

namespace Sesric.Analytics.Semantic.Tests.Disclosure;

/// <summary>
/// Generated registry data (known answers) in a real DuckDB store in which about half the participation records are
/// synthetic, drawn record by record, so most cells of two or more records mix synthetic and real records.
/// </summary>
public sealed class MixedRegistryFixture : IAsyncLifetime
{
    private TempStore _temp = null!;

    public QueryEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        var data = ScaleGenerator.Generate(new ScaleOptions(6_000, Seed: 11, Programmes: 3, EditionsPerProgramme: 5));
        var catalogue = data.Catalogue;
        var flags = new Random(23);
        // A record is synthetic when its person or its participation is: people are made real, participations drawn.
        var people = new Dictionary<string, Participant>();
        var mixed = new List<Participation>();
        foreach (var p in data.Participations)
        {
            var id = p.Participant.Id.ToString();
            if (!people.TryGetValue(id, out var person))
            {
                var generated = p.Participant;
                person = catalogue.CreateParticipant(generated.Id, generated.Country, generated.Gender, generated.InstitutionType, isSynthetic: false, generated.RecordKey);
                people[id] = person;
            }
            mixed.Add(catalogue.CreateParticipation(person, p.Edition, p.Status, isSynthetic: flags.Next(2) == 0, p.NominatedOn));
        }
        await _temp.Store.UpsertProgrammesAsync(catalogue.Programmes.ToArray());
        await _temp.Store.UpsertCountriesAsync(catalogue.Countries.ToArray());
        await _temp.Store.UpsertEditionsAsync(catalogue.Editions.ToArray());
        await _temp.Store.ImportParticipationsAsync(mixed, Storage.ImportRequest.Default);
        Engine = new QueryEngine(_temp.Store);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();
}

/// <summary>
/// Attacks on cells of 1 or 2 people that combine the published perturbed counts with the published synthetic share
/// (<see cref="QueryMetadata.SyntheticShare"/>) of many queries containing the target: the target's own query, the
/// edition's cell for the target's gender with and without the target's state (a complement on a grouped field is
/// allowed), the target asked together with the same state and gender in another edition of the programme against that
/// cell alone (the share ratio across two editions), and a set of the edition's other states grown until its share is
/// published, with and without the target (the withholding threshold as a test of the set's size).
/// </summary>
/// <remarks>
/// The attacker is a naive Bayes classifier over the signals, trained on half the targets and scored on the other half
/// (and the other way round), so it finds whatever the signals carry without the test assuming how the share is made.
/// The baseline is the same classifier given the target's published value alone. The suite fails when any attack guesses
/// true counts of 1 and 2 materially more often than the baseline; it also checks that the attack would succeed if the
/// exact share were published (the internal policy's share), so that it keeps its teeth.
/// </remarks>
public sealed class SyntheticShareAttackTests(MixedRegistryFixture fixture, ITestOutputHelper output) : IClassFixture<MixedRegistryFixture>
{
    /// <summary>How much better than the published value alone an attack may guess before the suite fails (as in <see cref="DisclosureAttackTests"/>).</summary>
    private const double Tolerance = 0.05;

    /// <summary>How many targets the attack runs on (each costs about a dozen queries), taken evenly from all of them.</summary>
    private const int MaxTargets = 360;

    private const string Baseline = "published value alone (baseline)";

    private const string ExactShare = "the cell's own share, published exactly (protection off)";

    private readonly QueryEngine _engine = fixture.Engine;

    [Fact]
    public async Task The_published_synthetic_share_does_not_help_recover_counts_of_1_or_2()
    {
        var cells = await FineCells(DisclosurePolicy.PublicDefault);
        var truth = await FineCells(DisclosurePolicy.Internal);
        var all = truth.Where(t => t.Value is 1 or 2).Select(t => t.Key).OrderBy(t => t.ToString(), StringComparer.Ordinal).ToList();
        Assert.True(all.Count >= 200, $"only {all.Count} targets of 1 or 2 people; the data is too coarse for the test");
        var step = Math.Max(1, all.Count / MaxTargets);
        var targets = all.Where((_, i) => i % step == 0).ToList();

        var editions = cells.Keys.Select(c => (c.Edition, c.Programme)).Distinct().ToList();
        var signals = new List<Dictionary<string, string>>();
        foreach (var target in targets)
        {
            signals.Add(await Signals(target, cells, editions));
        }

        var counts = targets.Select(t => truth[t]).ToArray();
        var attacks = signals[0].Keys.Where(k => k != "own").ToList();
        var results = new List<(string Attack, double Rate, double Ones, double Twos)>();
        void Score(string name, IReadOnlyList<string> features)
        {
            var right = CrossValidated(signals, counts, features);
            results.Add((name, right.Average(r => r ? 1.0 : 0),
                right.Where((_, i) => counts[i] == 1).Average(r => r ? 1.0 : 0),
                right.Where((_, i) => counts[i] == 2).Average(r => r ? 1.0 : 0)));
        }
        Score(Baseline, ["own"]);
        foreach (var attack in attacks.Where(a => a != "exact"))
        {
            Score(attack, ["own", attack]);
        }
        Score("every share signal together", ["own", .. attacks.Where(a => a != "exact")]);
        Score(ExactShare, ["own", "exact"]);

        var baseline = results[0].Rate;
        output.WriteLine($"{targets.Count} targets of {all.Count} ({counts.Count(c => c == 1)} of 1 person, {counts.Count(c => c == 2)} of 2); correct guesses overall, for true 1, for true 2:");
        foreach (var (attack, rate, ones, twos) in results.OrderByDescending(r => r.Rate))
        {
            output.WriteLine($"  {rate:P1}  {ones:P1}  {twos:P1}  {attack}");
        }
        foreach (var (attack, rate, _, _) in results.Where(r => r.Attack != ExactShare))
        {
            Assert.True(rate <= baseline + Tolerance, $"'{attack}' guessed {rate:P1} of the small counts right, against {baseline:P1} from the published value alone");
        }
        // The control: the same attacker, given the exact share, does materially better (else the test has no teeth).
        var exact = results.Single(r => r.Attack == ExactShare).Rate;
        Assert.True(exact > baseline + Tolerance, $"with the exact share the attack guessed only {exact:P1}, against {baseline:P1}: the attack cannot see a leak");
    }

    [Fact]
    public async Task A_result_made_only_of_synthetic_or_only_of_real_records_still_says_so()
    {
        // The cells of one record are pure: their share is 1 or 0, and a result of whole editions mixes.
        var whole = await _engine.ExecuteAsync(SemanticQuery.Of("participants").By("edition"));
        Assert.InRange(whole.Metadata.SyntheticShare!.Value, 0.4, 0.6);
        var truth = await FineCells(DisclosurePolicy.Internal);
        var single = truth.First(t => t.Value == 1).Key;
        var query = SemanticQuery.Of("participants").Where(CellFilter(single.Edition, single.State, single.Gender));
        var exact = (await _engine.ExecuteAsync(query.WithPolicy(DisclosurePolicy.Internal))).Metadata.SyntheticShare;
        var published = (await _engine.ExecuteAsync(query)).Metadata.SyntheticShare;
        Assert.True(exact is 0.0 or 1.0, $"a cell of one record has share {exact}");
        Assert.True(published is null || published == exact, $"a pure cell published share {published}, exact {exact}");
    }

    /// <summary>What the attacker observes about <paramref name="target"/>, one discrete signal per attack.</summary>
    private async Task<Dictionary<string, string>> Signals(Cell target, Dictionary<Cell, long> cells, List<(string Edition, string Programme)> editions)
    {
        var (edition, programme, state, gender) = target;
        var signals = new Dictionary<string, string> { ["own"] = cells.GetValueOrDefault(target).ToString(CultureInfo.InvariantCulture) };
        var own = SemanticQuery.Of("participants").Where(CellFilter(edition, state, gender));
        signals["the cell's own share"] = Show(await Share(own));
        signals["exact"] = Show(await Share(own.WithPolicy(DisclosurePolicy.Internal)));

        // The edition's cell for this gender, with and without the target's state (a condition on a grouped field).
        var byState = SemanticQuery.Of("participants").By("member_state");
        var with = await Share(byState.Where($"edition = \"{edition}\" AND gender = \"{gender}\""));
        var without = await Share(byState.Where($"edition = \"{edition}\" AND gender = \"{gender}\" AND member_state != \"{state}\""));
        signals["the edition x gender share with and without the target's state"] = Compare(with, without);

        // The share ratio across two editions: the target with the same state and gender in another edition, against that cell alone.
        var other = editions.Where(e => e.Programme == programme && e.Edition != edition).Select(e => e.Edition).OrderBy(e => e, StringComparer.Ordinal).First();
        var pair = await Share(SemanticQuery.Of("participants").By("edition")
            .Where($"programme = \"{programme}\" AND member_state = \"{state}\" AND gender = \"{gender}\" AND (edition = \"{edition}\" OR edition = \"{other}\")"));
        var alone = await Share(SemanticQuery.Of("participants").Where(CellFilter(other, state, gender)));
        signals["the target with another edition's cell, against that cell alone"] = Show(alone) + "|" + Show(pair);

        // A set of the edition's other states grown (smallest published first) until its share is published; the longest
        // set still withheld, with and without the target.
        var others = cells.Where(c => c.Key.Edition == edition && c.Key.Gender == gender && c.Key.State != state && c.Value > 0)
            .OrderBy(c => c.Value).ThenBy(c => c.Key.State, StringComparer.Ordinal).Select(c => c.Key.State).ToList();
        Task<double?> SetShare(IEnumerable<string> states) => Share(byState.Where(
            $"edition = \"{edition}\" AND gender = \"{gender}\" AND (" + string.Join(" OR ", states.Select(s => $"member_state = \"{s}\"")) + ")"));
        if (others.Count == 0)
        {
            signals["a set of other states just under the threshold, with and without the target"] = "no other state";
            return signals;
        }
        var (low, high) = (1, others.Count);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (await SetShare(others.Take(middle)) is null)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        var set = others.Take(low).ToList();
        signals["a set of other states just under the threshold, with and without the target"] =
            Show(await SetShare(set)) + "|" + Show(await SetShare(set.Append(state)));
        return signals;
    }

    /// <summary>For each target in turn, the guess of a naive Bayes classifier trained on the targets of the other half.</summary>
    private static bool[] CrossValidated(List<Dictionary<string, string>> signals, long[] counts, IReadOnlyList<string> features)
    {
        var right = new bool[counts.Length];
        for (var fold = 0; fold < 2; fold++)
        {
            var train = Enumerable.Range(0, counts.Length).Where(i => i % 2 != fold).ToList();
            foreach (var i in Enumerable.Range(0, counts.Length).Where(i => i % 2 == fold))
            {
                var best = 0L;
                var bestScore = double.NegativeInfinity;
                foreach (var n in new long[] { 1, 2 })
                {
                    var withN = train.Where(j => counts[j] == n).ToList();
                    var score = Math.Log((withN.Count + 1.0) / (train.Count + 2.0));
                    foreach (var feature in features)
                    {
                        var values = train.Select(j => signals[j][feature]).Distinct().Count() + 1;
                        var same = withN.Count(j => signals[j][feature] == signals[i][feature]);
                        score += Math.Log((same + 1.0) / (withN.Count + values));
                    }
                    if (score > bestScore)
                    {
                        (best, bestScore) = (n, score);
                    }
                }
                right[i] = best == counts[i];
            }
        }
        return right;
    }

    private async Task<double?> Share(SemanticQuery query) => (await _engine.ExecuteAsync(query)).Metadata.SyntheticShare;

    private static string CellFilter(string edition, string state, string gender) =>
        $"edition = \"{edition}\" AND member_state = \"{state}\" AND gender = \"{gender}\"";

    private static string Show(double? share) => share is { } s ? s.ToString("0.####", CultureInfo.InvariantCulture) : "withheld";

    private static string Compare(double? with, double? without) => (with, without) switch
    {
        ({ } a, { } b) => a == b ? "same" : a > b ? "up" : "down",
        _ => Show(with) + "|" + Show(without),
    };

    private async Task<Dictionary<Cell, long>> FineCells(DisclosurePolicy policy)
    {
        var table = await _engine.ExecuteAsync(SemanticQuery.Of("participants").By("edition", "programme", "member_state", "gender").WithPolicy(policy));
        var cells = new Dictionary<Cell, long>();
        foreach (var row in table.Rows)
        {
            cells[new Cell((string)row[0].Value!, (string)row[1].Value!, (string)row[2].Value!, (string)row[3].Value!)] = (long)row[4].Value!;
        }
        return cells;
    }

    private sealed record Cell(string Edition, string Programme, string State, string Gender);
}
