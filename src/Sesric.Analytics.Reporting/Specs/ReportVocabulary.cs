using Sesric.Analytics.Model;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>The measures and dimensions a spec may name, with labels and formats: a view of a <see cref="SemanticModel"/>.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class ReportVocabulary
{
    private ReportVocabulary(SemanticModel model)
    {
        Model = model;
        Measures = model.Measures.ToDictionary(m => m.Name, m => new MeasureTerm(m.Label, m.ValueFormat), StringComparer.Ordinal);
        Dimensions = model.Dimensions.ToDictionary(
            d => d.Name,
            d => new DimensionTerm(d.Label, d.IsOrdered ? DimensionKind.Ordered : DimensionKind.Members, d.ColumnType, d.Time, d.Members),
            StringComparer.Ordinal);
    }

    /// <summary>The vocabulary of the project's semantic model.</summary>
    public static ReportVocabulary Default { get; } = new(SemanticModel.Default);

    /// <summary>The model it reads.</summary>
    public SemanticModel Model { get; }

    /// <summary>Plain measures by model name (time-intelligence forms such as <c>yoy_pct(participants)</c> are accepted too; see <see cref="TryGetMeasure"/>).</summary>
    public IReadOnlyDictionary<string, MeasureTerm> Measures { get; }

    /// <summary>Dimensions by model name.</summary>
    public IReadOnlyDictionary<string, DimensionTerm> Dimensions { get; }

    /// <summary>The vocabulary of <paramref name="model"/>.</summary>
    public static ReportVocabulary From(SemanticModel model) => ReferenceEquals(model, SemanticModel.Default) ? Default : new(model);

    /// <summary>Looks up a measure, including composed time-intelligence measures.</summary>
    public bool TryGetMeasure(string name, out MeasureTerm term)
    {
        if (Measures.TryGetValue(name, out term!))
        {
            return true;
        }
        if (Model.TryGetMeasure(name, out var measure))
        {
            term = new MeasureTerm(measure.Label, measure.ValueFormat);
            return true;
        }
        return false;
    }

    /// <summary>A measure the spec may name.</summary>
    /// <param name="Label">Its label.</param>
    /// <param name="Format">How its values are shown.</param>
    public sealed record MeasureTerm(LocalizedText Label, ValueFormat Format);

    /// <summary>A dimension the spec may name.</summary>
    /// <param name="Label">Its label.</param>
    /// <param name="Kind">Ordered (time) or members.</param>
    /// <param name="Type">The type of its values (filters on integer dimensions need integers).</param>
    /// <param name="Time">Its grain when it is time, else null.</param>
    /// <param name="Members">What its values name in the catalogue, for labels.</param>
    public sealed record DimensionTerm(LocalizedText Label, DimensionKind Kind, ColumnType Type, TimeGrain? Time = null, MemberReference Members = MemberReference.None);

    /// <summary>The name of the model's year dimension (time at year grain), or null when it has none.</summary>
    public string? YearDimension => Dimensions.FirstOrDefault(d => d.Value.Time == TimeGrain.Year).Key;
}
