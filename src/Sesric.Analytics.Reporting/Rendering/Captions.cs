using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Specs;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>The texts around a chart: the filter caption and the source/provenance line.</summary>
internal static class Captions
{
    /// <summary>"Filters: Programme = diplomacy-cab; Year 2017–2022", or null when nothing is filtered.</summary>
    /// <remarks>Values are shown by their display names (the programme's name, a member state's), never as raw ids.</remarks>
    public static string? FilterCaption(IReadOnlyList<FilterSpec> filters, Language language, ReportVocabulary vocabulary, Binding.MemberLabels? labels = null)
    {
        if (filters.Count == 0)
        {
            return null;
        }
        labels ??= Binding.MemberLabels.None;
        var parts = filters.Select(f =>
        {
            var label = vocabulary.Dimensions.TryGetValue(f.Dimension, out var term) ? term.Label.In(language) : f.Dimension;
            var values = Punctuation.JoinList(f.Values.Select(v => labels.Label(f.Dimension, v, language)), language);
            return f.Operator switch
            {
                FilterSpecOperator.Between => $"{label} {f.Values[0]}–{f.Values[^1]}",
                FilterSpecOperator.Ne => $"{label} ≠ {values}",
                FilterSpecOperator.Gte => $"{label} ≥ {values}",
                FilterSpecOperator.Lte => $"{label} ≤ {values}",
                _ => Punctuation.Labelled(label, values, language),
            };
        });
        return Punctuation.Labelled(Phrases.Filters.In(language), Punctuation.JoinClauses(parts, language), language);
    }

    /// <summary>"Source: SESRIC · synthetic records 63% · 2 cells suppressed for privacy · 14 counts adjusted for privacy (ptable-v1)".</summary>
    /// <remarks><paramref name="suppressedShown"/> is the count of suppressed cells the chart shows (a top N shows fewer than the
    /// engine returned); the alt text states the same count.</remarks>
    public static string SourceLine(LocalizedText? source, QueryMetadata metadata, Language language, ValueFormatter formatter, int? suppressedShown = null)
    {
        var parts = new List<string>();
        parts.Add(Punctuation.Labelled(Phrases.Source.In(language), (source ?? new LocalizedText("SESRIC", "سيسريك", "SESRIC")).In(language), language));
        if (metadata.SyntheticShare is > 0 and var share)
        {
            parts.Add($"{Phrases.SyntheticShare.In(language)} {formatter.Format(share, ValueFormat.Percent)}");
        }
        var suppressed = suppressedShown ?? metadata.SuppressedCells;
        if (suppressed > 0)
        {
            parts.Add(Phrases.SuppressedCells.Format(suppressed, formatter));
        }
        // Every chart says which policy produced its figures: adjusted counts name the perturbation table's version, and
        // exact internal figures say they are not for publication (a chart travels without the command that made it).
        if (metadata.PerturbationTable is { } table && metadata.PerturbedCells > 0)
        {
            parts.Add($"{Phrases.AdjustedCounts.Format(metadata.PerturbedCells, formatter)} ({table})");
        }
        else if (metadata.Policy == "internal")
        {
            parts.Add(Phrases.InternalFigures.In(language));
        }
        return string.Join(" · ", parts);
    }
}
