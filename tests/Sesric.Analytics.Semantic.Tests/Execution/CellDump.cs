using System.Globalization;
using System.Text;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic.Tests.Execution;

/// <summary>
/// A broad family of queries over one store and every published cell of their answers as text: every measure (built-in,
/// the sample model file's user measures, time intelligence), ungrouped, by each dimension and by several pairs and a
/// triple, with no filter and with filters using <c>=</c>, <c>!=</c>, NOT, ranges and AND, under both policies, and
/// ordered pages. Two engines that publish the same figures give the same text, byte for byte.
/// </summary>
internal static class CellDump
{
    /// <summary>The model the queries run against: the built-in one with the sample model file's measures.</summary>
    public static SemanticModel Model { get; } = SemanticModelFile.Load(Tests.Model.Extension.ModelFiles.Sample);

    private static readonly string[][] Groupings =
    [
        [], ["programme"], ["edition"], ["year"], ["member_state"], ["oic_group"], ["gender"], ["attendance"], ["modality"],
        ["host_country"], ["date"],
        ["edition", "member_state"], ["year", "oic_group"], ["member_state", "gender"], ["year", "member_state"],
        ["edition", "gender"], ["programme", "attendance"], ["year", "gender"], ["oic_group", "attendance"],
        ["modality", "host_country"], ["date", "gender"], ["member_state", "year", "gender"],
    ];

    /// <summary>The measures, in bundles asked together (a bundle the model refuses is asked measure by measure).</summary>
    private static string[][] Bundles() =>
    [
        ["participants", "participations", "editions", "member_states"],
        ["coverage", "female_share", "participants_per_edition"],
        ["new_member_states", "returning_share", "participants"],
        ["completion_rate", "completers", "women_completion_share"],
        ["participations_per_member_state", "attended_only", "african_and_arab_participants"],
        ["published_participants", "published_member_states"],
        ["yoy_change(participants)", "yoy_pct(female_share)", "running_total(participations)", "yoy_pct(completion_rate)"],
        ["participants", "female_share", "returning_share", "participations", "member_states", "coverage", "completers"],
    ];

    /// <summary>The groupings of the smaller family: each kind of grouping the compiler treats apart (none, by edition, by year, by state, by a person attribute, by date) and the benchmarks' pairs.</summary>
    private static readonly string[][] FewGroupings =
    [
        [], ["edition"], ["year"], ["gender"], ["date"], ["edition", "member_state"], ["year", "oic_group"], ["member_state", "gender"],
        ["programme", "attendance"], ["member_state", "year", "gender"],
    ];

    /// <summary>
    /// Every query of the family for a store whose data has <paramref name="programme"/>, <paramref name="year"/> and
    /// <paramref name="state"/>; with <paramref name="full"/> false, fewer groupings and filters (for a test that runs it twice).
    /// </summary>
    public static IEnumerable<SemanticQuery> Queries(string programme, int year, string state, bool full = true)
    {
        string?[] filters =
        [
            null,
            "gender = \"female\"",
            $"year != {year}",
            "NOT oic_group = \"Arab Group\"",
            $"programme = \"{programme}\" AND year >= {year}",
            $"attendance = \"completed\" AND member_state != \"{state}\"",
        ];
        if (!full)
        {
            filters = [filters[0], filters[1], filters[2], filters[5]];
        }
        foreach (var policy in new[] { DisclosurePolicy.Internal, DisclosurePolicy.PublicDefault })
        {
            foreach (var by in full ? Groupings : FewGroupings)
            {
                foreach (var filter in filters)
                {
                    foreach (var bundle in Bundles())
                    {
                        yield return SemanticQuery.FromText(bundle, by, filter, policy: policy);
                    }
                }
            }
            yield return SemanticQuery.FromText(["participants", "female_share"], ["member_state"], null, "participants desc", limit: 7, offset: 3, policy: policy);
            yield return SemanticQuery.FromText(["participations", "returning_share"], ["edition", "gender"], $"year >= {year}", "returning_share, edition desc", limit: 11, offset: 5, policy: policy);
            yield return SemanticQuery.FromText(["completion_rate", "participants"], ["year", "oic_group"], null, "year desc", limit: 4, offset: 0, policy: policy);
        }
    }

    /// <summary>Runs every query and writes its cells and metadata (not its time); a refused query writes its error.</summary>
    public static async Task<string> DumpAsync(QueryEngine engine, IEnumerable<SemanticQuery> queries)
    {
        var text = new StringBuilder();
        foreach (var query in queries)
        {
            text.Append("## ").Append(query).Append('\n');
            if (!await TryWriteAsync(engine, query, text) && query.Measures.Count > 1)
            {
                foreach (var measure in query.Measures)
                {
                    var single = query with { Measures = [measure] };
                    text.Append("### ").Append(measure).Append('\n');
                    await TryWriteAsync(engine, single, text);
                }
            }
        }
        return text.ToString();
    }

    private static async Task<bool> TryWriteAsync(QueryEngine engine, SemanticQuery query, StringBuilder text)
    {
        ResultTable table;
        try
        {
            table = await engine.ExecuteAsync(query);
        }
        catch (QueryException e)
        {
            text.Append("refused ").Append(e.Kind).Append(": ").Append(e.Message).Append('\n');
            return false;
        }
        var m = table.Metadata;
        text.Append(CultureInfo.InvariantCulture, $"rows {m.TotalRows} suppressed {m.SuppressedCells} synthetic {Show(m.SyntheticShare)} policy {m.Policy} table {m.PerturbationTable} perturbed {m.PerturbedCells}\n");
        text.AppendJoin('\t', table.Columns.Select(c => c.Name)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.AppendJoin('\t', row.Select(c => c.Status == CellStatus.Ok ? Show(c.Value) : c.Status.ToString())).Append('\n');
        }
        return true;
    }

    /// <summary>The first line where two dumps differ, with the query it belongs to; null when they are equal.</summary>
    public static string? FirstDifference(string expected, string actual, string expectedLabel, string actualLabel)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var query = "";
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end)";
            var y = i < b.Length ? b[i] : "(end)";
            if (x.StartsWith("## ", StringComparison.Ordinal))
            {
                query = x;
            }
            if (x != y)
            {
                return $"{query}: line {i + 1}: {expectedLabel} [{x}], {actualLabel} [{y}]";
            }
        }
        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
        _ => value + ":" + value.GetType().Name,
    };
}
