using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Semantic;

/// <summary>
/// Computes every measure of every result row from its components, each read as the policy shows it
/// (<see cref="CellProtection"/>): exact, perturbed or withheld. Running totals get their yearly values here and are
/// summed by <see cref="RunningTotals"/>; year-over-year changes and <c>prior_year</c> read the previous year's components.
/// </summary>
internal static class MeasureValues
{
    /// <param name="plan">The query.</param>
    /// <param name="table">The rows, dimension values filled in; the measure cells are set here.</param>
    /// <param name="source">The store row behind each output row (null: the same row).</param>
    /// <param name="current">The component columns.</param>
    /// <param name="previous">The component columns of the previous year, for year-over-year measures (else null).</param>
    /// <param name="people">The unprotected people count of each output row (0: an empty cell, whose ratios are unknown).</param>
    public static void Fill(
        QueryPlan plan, ResultRows table, int[]? source, SqlColumn[] current, SqlColumn[]? previous, long[] people)
    {
        using var span = Telemetry.SesricTelemetry.Start("sesric.query.disclosure");
        var components = plan.ComponentList;
        var width = plan.Dimensions.Count;
        var peopleAt = ComponentColumns.IndexOf(components, Components.People);

        // Measures read their components through these two functions; `at` says which store row they read,
        // so there is one pair of delegates per query rather than one per cell. Each read is already protected
        // (exact, perturbed or withheld as the plan's policy says).
        var at = new Cursor();
        var now = new CellProtection(plan, current);
        var then = previous is null ? null : new CellProtection(plan, previous);
        Func<Component, long?> get = c => now.Read(c, at.Row);
        Func<Component, long?> getPrevious = c => then!.Read(c, at.Row);
        var withheld = plan.Measures.Select(m => CellProtection.IsWithheld(plan, m)).ToArray();

        for (var i = 0; i < table.Count; i++)
        {
            at.Row = source?[i] ?? i;
            var row = table[i];
            for (var m = 0; m < plan.Measures.Count; m++)
            {
                var measure = plan.Measures[m];
                row[width + m] = withheld[m]
                    ? ResultCell.Suppressed
                    : measure.TimeFunction switch
                    {
                        TimeFunction.None or TimeFunction.RunningTotal => Evaluate(measure.Inner ?? measure, people[i], get),
                        TimeFunction.PriorYear => PriorYear(measure),
                        _ => YearOverYear(measure),
                    };
            }
        }

        // The previous year's value exactly as that year's own row publishes it: the same components, read through the same
        // protection (their own cell keys, so the same noise), combined by the same measure. yoy_change subtracts this value.
        ResultCell Before(MeasureDefinition inner)
        {
            var previousPeople = peopleAt < 0 ? 0 : ComponentColumns.ReadLong(previous![peopleAt], at.Row) ?? 0;
            return Evaluate(inner, previousPeople, getPrevious);
        }

        ResultCell PriorYear(MeasureDefinition measure) => Before(measure.Inner!);

        ResultCell YearOverYear(MeasureDefinition measure)
        {
            var inner = measure.Inner!;
            var nowCell = Evaluate(inner, peopleAt < 0 ? 0 : ComponentColumns.ReadLong(current[peopleAt], at.Row) ?? 0, get);
            var before = Before(inner);
            if (nowCell.Status != CellStatus.Ok || before.Status != CellStatus.Ok)
            {
                return ResultCell.Unknown;
            }
            if (measure.TimeFunction == TimeFunction.YoyPct)
            {
                var b = before.AsDouble()!.Value;
                return b == 0 ? ResultCell.Unknown : ResultCell.Of((nowCell.AsDouble()!.Value - b) / b);
            }
            return nowCell.Value is long n && before.Value is long p
                ? ResultCell.Of(n - p)
                : ResultCell.Of(nowCell.AsDouble()!.Value - before.AsDouble()!.Value);
        }
    }

    /// <summary>One measure's value in one row: unknown for a registry measure of an empty cell.</summary>
    private static ResultCell Evaluate(MeasureDefinition measure, long rowPeople, Func<Component, long?> read)
    {
        if (measure.Source == FactSource.Published)
        {
            return ResultCell.Of(measure.Combine(read));
        }
        return rowPeople <= 0 ? ResultCell.Unknown : ResultCell.Of(measure.Combine(read));
    }

    /// <summary>The store row the measure functions read.</summary>
    private sealed class Cursor
    {
        public int Row { get; set; }
    }
}
