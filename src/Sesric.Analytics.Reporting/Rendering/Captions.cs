using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Reporting.Formatting;
using Sesric.Analytics.Reporting.Specs;

namespace Sesric.Analytics.Reporting.Rendering;

/// <summary>The texts around a chart: the filter caption and the source/provenance line.</summary>
internal static class Captions
{
    /// <summary>"Filters: Programme = diplomacy-cab; Year 2017–2022", or null when nothing is filtered.</summary>
    public static string? FilterCaption(IReadOnlyList<FilterSpec> filters, Language language, ReportVocabulary vocabulary)
    {
        if (filters.Count == 0)
        {
            return null;
        }
        var parts = filters.Select(f =>
        {
            var label = vocabulary.Dimensions.TryGetValue(f.Dimension, out var term) ? term.Label.In(language) : f.Dimension;
            var values = Punctuation.JoinList(f.Values, language);
            return f.Operator switch
            {
                FilterOperator.Between => $"{label} {f.Values[0]}–{f.Values[^1]}",
                FilterOperator.Ne => $"{label} ≠ {values}",
                FilterOperator.Gte => $"{label} ≥ {values}",
                FilterOperator.Lte => $"{label} ≤ {values}",
                _ => Punctuation.Labelled(label, values, language),
            };
        });
        return Punctuation.Labelled(Phrases.Filters.In(language), Punctuation.JoinClauses(parts, language), language);
    }

    /// <summary>"Source: SESRIC · synthetic records 63% · 2 cells suppressed for privacy".</summary>
    public static string SourceLine(LocalizedText? source, QueryMetadata metadata, Language language, ValueFormatter formatter)
    {
        var parts = new List<string>();
        parts.Add(Punctuation.Labelled(Phrases.Source.In(language), (source ?? new LocalizedText("SESRIC", "سيسريك", "SESRIC")).In(language), language));
        if (metadata.SyntheticShare is > 0 and var share)
        {
            parts.Add($"{Phrases.SyntheticShare.In(language)} {formatter.Format(share, ValueFormat.Percent)}");
        }
        if (metadata.SuppressedCells > 0)
        {
            parts.Add(Phrases.SuppressedCells.Format(metadata.SuppressedCells, formatter));
        }
        return string.Join(" · ", parts);
    }
}
