using System.Globalization;

using CsCheck;

using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic.Tests.Support;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>
/// Property: for random small datasets in a real DuckDB store and random queries, the engine's
/// answer (internal policy) equals a plain LINQ computation over the same rows.
/// </summary>
public class ReferenceComparisonTests
{
    private static readonly string[] RegistryMeasures = ["participants", "participations", "editions", "member_states", "coverage", "female_share", "participants_per_edition", "new_member_states", "returning_share", "completion_rate", "completed_participations", "women_completers_share"];
    private static readonly string[] AllDimensions = ["programme", "edition", "year", "member_state", "oic_group", "gender", "modality", "host_country", "attendance"];

    /// <summary>User measures, as a model file defines them: the reference computes them from their plain-words definitions.</summary>
    private static readonly SemanticModel Model = SemanticModel.Default.With(ModelExtension.Parse(
        """
        { "measures": [
            { "name": "completion_rate", "kind": "expression", "expression": "participants[attendance = \"completed\"] / participants" },
            { "name": "completed_participations", "kind": "expression", "expression": "participations[attendance = \"completed\"]" },
            { "name": "women_completers_share", "kind": "share", "part": "participants[gender = \"female\" and attendance = \"completed\"]", "whole": "participants[attendance = \"completed\"]" }
        ] }
        """));
    private static readonly string[] EditionDimensions = ["programme", "edition", "year", "modality", "host_country"];

    [Fact]
    public void Engine_answers_equal_a_linq_reference_over_the_same_rows()
    {
        Gen.Int[0, int.MaxValue].Sample(seed => RunAsync(seed, RandomQuery).GetAwaiter().GetResult(), iter: 10, threads: 1);
    }

    /// <summary>
    /// Grouped by edition, member_state or year, the compiler swaps distinct counts for cheaper forms (rows, 0/1,
    /// rows of people seen once that year): every registry measure under those groupings, with and without filters,
    /// must still equal the reference. The random programmes overlap in years, so people who attend twice in one
    /// year occur, in one cell or (split by programme) in two.
    /// </summary>
    [Fact]
    public void Cheaper_aggregates_within_one_edition_one_state_or_one_year_equal_the_linq_reference()
    {
        Gen.Int[0, int.MaxValue].Sample(seed => RunAsync(seed, FineGrainedQuery).GetAwaiter().GetResult(), iter: 6, threads: 1);
    }

    /// <summary>
    /// Time intelligence: <c>prior_year(m)</c> is m in the same cell of the year before (the filter applied with the year
    /// shifted), and <c>yoy_change(m)</c> this year's m minus it, for registry and published measures alike.
    /// </summary>
    [Fact]
    public void Prior_year_and_yoy_change_equal_the_linq_reference_of_the_year_before()
    {
        Gen.Int[0, int.MaxValue].Sample(seed => RunAsync(seed, TimeIntelligenceQuery).GetAwaiter().GetResult(), iter: 6, threads: 1);
    }

    private static SemanticQuery TimeIntelligenceQuery(Random random, RandomDataset data)
    {
        var published = random.NextDouble() < 0.25;
        var fields = published ? EditionDimensions : AllDimensions;
        var bases = published
            ? new[] { "published_participants", "published_member_states", "participants" }
            : RegistryMeasures;
        // Grouped by year (time intelligence needs it) and at most one more dimension that is not an edition.
        var other = fields.Where(d => d is not ("year" or "edition")).ToArray();
        string[] dimensions = random.Next(3) == 0 ? ["year"] : ["year", other[random.Next(other.Length)]];
        // Coverage's denominator (member states) has no gender or attendance, so it cannot be split by either. It is
        // left out before the fallback, so a query whose only pick was coverage still names a measure.
        var splitByPerson = dimensions.Contains("gender") || dimensions.Contains("attendance");
        var chosen = bases.Where(m => !(splitByPerson && m == "coverage")).Where(_ => random.NextDouble() < 0.3).DefaultIfEmpty(bases[0]).ToList();
        var measures = chosen.Concat(chosen.Select(m => $"prior_year({m})")).Concat(chosen.Where(_ => random.Next(2) == 0).Select(m => $"yoy_change({m})")).ToList();
        var filterFields = chosen.Contains("coverage") ? fields.Where(d => d is not ("gender" or "attendance")).ToArray() : fields;
        var filter = random.Next(3) switch
        {
            0 => null,
            1 => Comparison(random, data, filterFields[random.Next(filterFields.Length)]),
            _ => $"{Comparison(random, data, "year")} AND {Comparison(random, data, filterFields[random.Next(filterFields.Length)])}",
        };
        return SemanticQuery.FromText(measures, dimensions, filter, policy: DisclosurePolicy.Internal);
    }

    private static SemanticQuery FineGrainedQuery(Random random, RandomDataset data)
    {
        string[][] groupings =
        [
            ["edition", "member_state"], ["edition"], ["member_state"], ["edition", "gender"], ["member_state", "year"],
            ["year"], ["year", "oic_group"], ["gender", "year"], ["year", "member_state", "gender"], ["programme", "year"],
        ];
        var dimensions = groupings[random.Next(groupings.Length)];
        var filter = random.Next(3) switch
        {
            0 => null,
            1 => Comparison(random, data, "gender"),
            _ => $"{Comparison(random, data, "year")} AND NOT {Comparison(random, data, "oic_group")}",
        };
        // Coverage's denominator (member states) has no gender, so it can be neither split nor filtered by it.
        var byGender = dimensions.Contains("gender") || filter?.StartsWith("gender", StringComparison.Ordinal) == true;
        var measures = RegistryMeasures.Where(m => m != "coverage" || !byGender).ToList();
        return SemanticQuery.FromText(measures, dimensions, filter, policy: DisclosurePolicy.Internal);
    }

    private static async Task RunAsync(int seed, Func<Random, RandomDataset, SemanticQuery> queries)
    {
        var random = new Random(seed);
        var data = RandomDataset.Create(random);
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.UpsertProgrammesAsync(data.Catalogue.Programmes.ToArray());
        await temp.Store.UpsertCountriesAsync(data.Catalogue.Countries.ToArray());
        await temp.Store.UpsertEditionsAsync(data.Catalogue.Editions.ToArray());
        await temp.Store.ImportParticipationsAsync(data.Participations, ImportRequest.Default);
        var engine = new QueryEngine(temp.Store, Model);
        var reference = new Reference(data);
        for (var q = 0; q < 10; q++)
        {
            var query = queries(random, data);
            var table = await engine.ExecuteAsync(query);
            var expected = reference.Answer(query);
            var actual = table.Rows.ToDictionary(r => Key(r.Take(query.Dimensions.Count).Select(c => c.Value)), r => r.Skip(query.Dimensions.Count).ToArray());
            var context = $"seed {seed}, query {query}";
            Assert.True(expected.Keys.ToHashSet().SetEquals(actual.Keys), $"{context}: cells differ: expected [{string.Join(" ; ", expected.Keys.Order())}] got [{string.Join(" ; ", actual.Keys.Order())}]");
            foreach (var (key, values) in expected)
            {
                for (var m = 0; m < values.Length; m++)
                {
                    var cell = actual[key][m];
                    var message = $"{context}: cell [{key}] {query.Measures[m]}: expected {values[m]?.ToString() ?? "unknown"}, got {cell.Value ?? cell.Status}";
                    switch (values[m])
                    {
                        case null:
                            Assert.True(cell.Status == CellStatus.Unknown, message);
                            break;
                        case long l:
                            Assert.True(cell.Status == CellStatus.Ok && cell.Value is long v && v == l, message);
                            break;
                        case double d:
                            Assert.True(cell.Status == CellStatus.Ok && Math.Abs(cell.AsDouble()!.Value - d) < 1e-9, message);
                            break;
                    }
                }
            }
            Assert.Equal(expected.Count, table.Metadata.TotalRows);
        }
    }

    private static SemanticQuery RandomQuery(Random random, RandomDataset data)
    {
        var published = random.NextDouble() < 0.25;
        List<string> measures;
        string[] fields;
        if (published)
        {
            measures = ["published_participants", "published_member_states", "participants"];
            measures = measures.Where(_ => random.NextDouble() < 0.6).DefaultIfEmpty("published_participants").ToList();
            fields = EditionDimensions;
        }
        else
        {
            measures = RegistryMeasures.Where(_ => random.NextDouble() < 0.3).DefaultIfEmpty("participants").ToList();
            fields = measures.Contains("coverage") ? AllDimensions.Where(d => d is not ("gender" or "attendance")).ToArray() : AllDimensions;
        }
        var dimensions = fields.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray();
        string? filter = null;
        if (random.NextDouble() < 0.7)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Comparison(random, data, fields[random.Next(fields.Length)])).ToArray();
            filter = parts[0];
            foreach (var part in parts.Skip(1))
            {
                filter = random.Next(3) switch
                {
                    0 => $"{filter} AND {part}",
                    1 => $"({filter}) OR {part}",
                    _ => $"{filter} AND NOT {part}",
                };
            }
        }
        return SemanticQuery.FromText(measures, dimensions, filter, policy: DisclosurePolicy.Internal);
    }

    private static string Comparison(Random random, RandomDataset data, string field)
    {
        string Pick(params string[] values) => values[random.Next(values.Length)];
        var eq = Pick("=", "!=");
        return field switch
        {
            "year" => $"year {Pick("=", "!=", "<", "<=", ">", ">=")} {random.Next(2009, 2017)}",
            "programme" => $"programme {eq} \"{Pick("alpha", "beta")}\"",
            "edition" => $"edition {eq} \"{Pick("alpha", "beta")}/{random.Next(1, 4)}\"",
            "member_state" or "host_country" => $"{field} {eq} \"{data.Catalogue.Countries[random.Next(data.Catalogue.Countries.Count)].Code}\"",
            "oic_group" => $"oic_group {eq} \"{Pick("African Group", "Arab Group", "Asian Group", "Unknown")}\"",
            "gender" => $"gender {eq} \"{Pick("female", "male", "unknown")}\"",
            "attendance" => $"attendance {eq} \"{Pick("attended", "completed")}\"",
            _ => $"modality {eq} \"{Pick("in_person", "virtual", "hybrid", "unknown")}\"",
        };
    }

    private static string Key(IEnumerable<object?> values) =>
        string.Join("|", values.Select(v => v switch
        {
            null => "∅",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));

    /// <summary>The LINQ reference: every measure computed directly from the definitions in the model's documentation.</summary>
    private sealed class Reference(RandomDataset data)
    {
        private sealed record Row(string Person, Edition Edition, Country Country, Gender Gender, bool CountsAsMember, AttendanceStatus Status);

        private readonly Row[] _rows = data.Participations
            .Where(p => p.Status.CountsAsParticipation())
            .Select(p =>
            {
                data.Catalogue.TryGetEdition(p.Edition, out var edition);
                data.Catalogue.TryGetCountry(p.Participant.Country, out var country);
                return new Row(p.Participant.Id.Value, edition, country, p.Participant.Gender, country.IsMemberOn(edition.ReferenceDate), p.Status);
            })
            .ToArray();

        /// <summary>
        /// Each result cell's measures. A time-intelligence form reads its base measure in the same cell of the year before:
        /// the base measures computed with every year read one year later (the filter's too), so the year before lands in
        /// this year's cell. <c>prior_year(m)</c> is that value; <c>yoy_change(m)</c> is this year's minus it.
        /// </summary>
        public Dictionary<string, object?[]> Answer(SemanticQuery query)
        {
            var bases = query.Measures.Select(Base).ToArray();
            var now = Cells(query, bases.Select(b => b.Measure).ToArray(), shift: 0);
            if (bases.All(b => b.Function is null))
            {
                return now;
            }
            var before = Cells(query, bases.Select(b => b.Measure).ToArray(), shift: 1);
            return now.ToDictionary(c => c.Key, c => bases.Select((b, m) =>
            {
                var previous = before.GetValueOrDefault(c.Key)?[m];
                return b.Function switch
                {
                    null => c.Value[m],
                    "prior_year" => previous,
                    "yoy_change" => (c.Value[m], previous) switch
                    {
                        (null, _) or (_, null) => null,
                        (long n, long p) => n - p,
                        var (n, p) => (object?)(Convert.ToDouble(n, CultureInfo.InvariantCulture) - Convert.ToDouble(p, CultureInfo.InvariantCulture)),
                    },
                    _ => throw new InvalidOperationException(b.Function),
                };
            }).ToArray());
        }

        private static (string? Function, string Measure) Base(string name)
        {
            var open = name.IndexOf('(', StringComparison.Ordinal);
            return open < 0 ? (null, name) : (name[..open], name[(open + 1)..^1]);
        }

        private Dictionary<string, object?[]> Cells(SemanticQuery query, string[] measures, int shift)
        {
            var filter = query.Filter;
            bool Passes(Func<string, object?> field) => filter is null || Eval(filter, field);
            var rows = _rows.Where(r => Passes(f => RowField(r, f, shift))).ToArray();
            var registryCells = rows.GroupBy(r => Key(query.Dimensions.Select(d => RowField(r, d, shift)))).ToDictionary(g => g.Key, g => g.ToArray());
            var usesRegistry = measures.Any(m => !m.StartsWith("published", StringComparison.Ordinal));
            var usesPublished = measures.Any(m => m.StartsWith("published", StringComparison.Ordinal));
            var editionCells = !usesPublished ? [] : data.Catalogue.Editions.Where(e => Passes(f => EditionField(e, f, shift)))
                .GroupBy(e => Key(query.Dimensions.Select(d => EditionField(e, d, shift)))).ToDictionary(g => g.Key, g => g.ToArray());
            var keys = new HashSet<string>();
            if (usesRegistry)
            {
                keys.UnionWith(registryCells.Keys);
            }
            if (usesPublished)
            {
                keys.UnionWith(editionCells.Keys);
            }
            if (query.Dimensions.Count == 0)
            {
                keys = [""];
            }

            var withRegistry = _rows.Select(r => r.Edition.Id).ToHashSet();
            var firstState = _rows.Where(r => r.CountsAsMember).GroupBy(r => (r.Edition.Programme, r.Country.Code)).ToDictionary(g => g.Key, g => g.Min(r => r.Edition.Number));
            var firstPerson = _rows.GroupBy(r => (r.Edition.Programme, r.Person)).ToDictionary(g => g.Key, g => g.Min(r => r.Edition.Number));
            var eligible = !measures.Contains("coverage") ? [] : data.Catalogue.Editions.Where(e => withRegistry.Contains(e.Id))
                .SelectMany(e => data.Catalogue.Countries.Where(c => c.IsMemberOn(e.ReferenceDate)).Select(c => (e, c)))
                .Where(p => Passes(f => PairField(p.e, p.c, f, shift)))
                .GroupBy(p => Key(query.Dimensions.Select(d => PairField(p.e, p.c, d, shift))))
                .ToDictionary(g => g.Key, g => (long)g.Select(p => p.c.Code).Distinct().Count());

            var answer = new Dictionary<string, object?[]>();
            foreach (var key in keys)
            {
                var g = registryCells.GetValueOrDefault(key) ?? [];
                var eds = editionCells.GetValueOrDefault(key) ?? [];
                answer[key] = measures.Select(m => Measure(m, g, eds, eligible.GetValueOrDefault(key))).ToArray();
            }
            return answer;

            object? Measure(string name, Row[] g, Edition[] eds, long eligibleStates)
            {
                if (name.StartsWith("published", StringComparison.Ordinal))
                {
                    return name == "published_participants"
                        ? (eds.Length > 0 && eds.All(e => e.Published.Participants is not null) ? (long?)eds.Sum(e => (long)e.Published.Participants!.Value) : null)
                        : (eds.Length == 1 && eds[0].Published.MemberStates is { } ms ? (long?)ms : null);
                }
                if (g.Length == 0)
                {
                    return null;
                }
                long people = g.Select(r => r.Person).Distinct().Count();
                long editionsCount = g.Select(r => r.Edition.Id).Distinct().Count();
                long states = g.Where(r => r.CountsAsMember).Select(r => r.Country.Code).Distinct().Count();
                long women = g.Where(r => r.Gender == Gender.Female).Select(r => r.Person).Distinct().Count();
                long men = g.Where(r => r.Gender == Gender.Male).Select(r => r.Person).Distinct().Count();
                return name switch
                {
                    "participants" => people,
                    "participations" => (long)g.Length,
                    "editions" => editionsCount,
                    "member_states" => states,
                    "coverage" => eligibleStates == 0 ? null : (double)states / eligibleStates,
                    "female_share" => women + men == 0 ? null : (double)women / (women + men),
                    "participants_per_edition" => (double)g.Length / editionsCount,
                    "new_member_states" => (long)g.Where(r => r.CountsAsMember && firstState[(r.Edition.Programme, r.Country.Code)] == r.Edition.Number).Select(r => r.Country.Code).Distinct().Count(),
                    "completion_rate" => (double)g.Where(r => r.Status == AttendanceStatus.Completed).Select(r => r.Person).Distinct().Count() / people,
                    "completed_participations" => (long)g.Count(r => r.Status == AttendanceStatus.Completed),
                    "women_completers_share" => g.Where(r => r.Status == AttendanceStatus.Completed).Select(r => r.Person).Distinct().Count() is var completers and > 0
                        ? (double)g.Where(r => r.Status == AttendanceStatus.Completed && r.Gender == Gender.Female).Select(r => r.Person).Distinct().Count() / completers
                        : null,
                    "returning_share" => (double)g.Where(r => r.Edition.Number > firstPerson[(r.Edition.Programme, r.Person)]).Select(r => r.Person).Distinct().Count() / people,
                    _ => throw new InvalidOperationException(name),
                };
            }
        }

        // shift: years read that many years later (1 for the previous year's block of a time-intelligence query).
        private static object? RowField(Row r, string field, int shift) => field switch
        {
            "member_state" => r.Country.Code.Value,
            "oic_group" => r.Country.Group.Name(),
            "gender" => r.Gender.Code(),
            "attendance" => r.Status.Code(),
            _ => EditionField(r.Edition, field, shift),
        };

        private static object? PairField(Edition e, Country c, string field, int shift) => field switch
        {
            "member_state" => c.Code.Value,
            "oic_group" => c.Group.Name(),
            _ => EditionField(e, field, shift),
        };

        private static object? EditionField(Edition e, string field, int shift) => field switch
        {
            "programme" => e.Programme.Value,
            "edition" => e.Id.ToString(),
            "year" => (long)e.Year + shift,
            "modality" => e.Modality.Code(),
            "host_country" => e.HostCountry?.Value,
            _ => throw new InvalidOperationException(field),
        };

        private static bool Eval(FilterExpression e, Func<string, object?> field) => e switch
        {
            FilterAnd a => Eval(a.Left, field) && Eval(a.Right, field),
            FilterOr o => Eval(o.Left, field) || Eval(o.Right, field),
            FilterNot n => !Eval(n.Operand, field),
            FilterComparison c => field(c.Field) switch
            {
                null => false,
                long v => Compare(v.CompareTo(long.Parse(c.Value.Text, CultureInfo.InvariantCulture)), c.Operator),
                var v => Compare(string.CompareOrdinal((string)v, c.Value.Text), c.Operator),
            },
            _ => throw new InvalidOperationException(),
        };

        private static bool Compare(int sign, FilterOperator op) => op switch
        {
            FilterOperator.Equal => sign == 0,
            FilterOperator.NotEqual => sign != 0,
            FilterOperator.Less => sign < 0,
            FilterOperator.LessOrEqual => sign <= 0,
            FilterOperator.Greater => sign > 0,
            _ => sign >= 0,
        };
    }
}
