using Microsoft.OData.Edm;

using Sesric.Analytics.Querying;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// The OData feed's entity data model, built from the semantic model the service queries with: one open entity type,
/// <c>Cell</c>, whose properties are every dimension and base measure (typed, nullable, labelled with
/// <c>Core.Description</c> and <c>Core.LongDescription</c>), served by two entity sets: <see cref="PublicSet"/> under the
/// public disclosure policy and <see cref="InternalSet"/> under the internal one.
/// </summary>
/// <remarks>
/// A row of the feed is one cell of a grouped result: the dimensions a request selects (or groups by) are the grouping,
/// the measures it selects are computed for each group by the semantic engine. Two properties are not model members:
/// <see cref="KeyProperty"/>, the row's grouping as text (OData entity types need a key), and <see cref="WithheldProperty"/>,
/// the measures disclosure control withheld in the row (null values, never zeros). Time-intelligence forms are not
/// properties: their names are not OData identifiers, and Power BI computes its own.
/// </remarks>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class ODataFeedModel
{
    /// <summary>The schema namespace.</summary>
    public const string Namespace = "Sesric.Analytics";

    /// <summary>The entity set under the public policy (any role).</summary>
    public const string PublicSet = "Statistics";

    /// <summary>The entity set under the internal policy (analyst role and above).</summary>
    public const string InternalSet = "InternalStatistics";

    /// <summary>The key property: the row's grouping as <c>name=value</c> pairs, such as <c>programme=diplomacy-cab;year=2020</c>.</summary>
    public const string KeyProperty = "cell";

    /// <summary>The measures withheld in the row, comma-separated, or null when none were.</summary>
    public const string WithheldProperty = "withheld";

    /// <summary>The instance annotation on a null measure value saying why it is null: <c>suppressed</c> or <c>unknown</c>.</summary>
    public const string StatusAnnotation = Namespace + ".status";

    private readonly Dictionary<string, IEdmStructuralProperty> _properties = new(StringComparer.Ordinal);

    /// <summary>Builds the EDM from <paramref name="semantic"/>.</summary>
    public ODataFeedModel(SemanticModel semantic)
    {
        ArgumentNullException.ThrowIfNull(semantic);
        Semantic = semantic;
        var model = new EdmModel();
        var cell = new EdmEntityType(Namespace, "Cell", baseType: null, isAbstract: false, isOpen: true);
        var key = cell.AddStructuralProperty(KeyProperty, EdmPrimitiveTypeKind.String, isNullable: false);
        cell.AddKeys(key);
        model.SetDescriptionAnnotation(key, "Cell");
        model.SetLongDescriptionAnnotation(key, "The row's grouping as name=value pairs separated by semicolons; identifies the row within its request.");
        foreach (var dimension in semantic.Dimensions)
        {
            var property = cell.AddStructuralProperty(dimension.Name, EdmKind(dimension.ColumnType, dimension.ValueFormat), isNullable: true);
            Describe(model, property, dimension.Label.English, $"Dimension. {dimension.Description} Values: {dimension.ValueHint}");
            _properties[dimension.Name] = property;
        }
        foreach (var measure in semantic.Measures)
        {
            var property = cell.AddStructuralProperty(measure.Name, EdmKind(measure.ColumnType, measure.ValueFormat), isNullable: true);
            Describe(model, property, measure.Label.English, $"Measure. {measure.Description}");
            _properties[measure.Name] = property;
        }
        var withheld = cell.AddStructuralProperty(WithheldProperty, EdmPrimitiveTypeKind.String, isNullable: true);
        Describe(model, withheld, "Withheld", "The measures of this row that disclosure control withheld (their values are null, never zero), comma-separated; null when none were.");
        model.AddElement(cell);
        var container = new EdmEntityContainer(Namespace, "Analytics");
        var publicSet = container.AddEntitySet(PublicSet, cell);
        model.SetDescriptionAnnotation(publicSet, "Statistics (public policy: counts of people perturbed by the cell key method)");
        var internalSet = container.AddEntitySet(InternalSet, cell);
        model.SetDescriptionAnnotation(internalSet, "Statistics (internal policy: exact values; analyst role)");
        model.AddElement(container);
        // The labels use the Core vocabulary; CSDL wants the vocabulary referenced.
        var core = new EdmReference(new Uri("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"));
        core.AddInclude(new EdmInclude("Core", "Org.OData.Core.V1"));
        model.SetEdmReferences([core]);
        Edm = model;
        CellType = cell;
    }

    /// <summary>The semantic model the feed describes.</summary>
    public SemanticModel Semantic { get; }

    /// <summary>The entity data model.</summary>
    public IEdmModel Edm { get; }

    /// <summary>The entity type of every row.</summary>
    public IEdmEntityType CellType { get; }

    /// <summary>The entity set named <paramref name="name"/>, or null.</summary>
    public IEdmEntitySet? FindSet(string name) => Edm.EntityContainer.FindEntitySet(name);

    /// <summary>The declared property of model member <paramref name="name"/>, or null.</summary>
    public IEdmStructuralProperty? FindMember(string name) => _properties.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is a dimension.</summary>
    public bool IsDimension(string name) => Semantic.TryGetDimension(name, out _) && _properties.ContainsKey(name);

    /// <summary>Whether <paramref name="name"/> is a base measure.</summary>
    public bool IsMeasure(string name) => !IsDimension(name) && _properties.ContainsKey(name);

    /// <summary>The dimension names, for error messages.</summary>
    public string DimensionNames => Semantic.DimensionNames;

    /// <summary>The measure names, for error messages.</summary>
    public string MeasureNames => string.Join(", ", Semantic.Measures.Select(m => m.Name));

    /// <summary>The EDM type of a column: a year is <c>Edm.Int32</c> (as Power BI expects of a year), other whole numbers <c>Edm.Int64</c>.</summary>
    public static EdmPrimitiveTypeKind EdmKind(ColumnType type, ValueFormat format) => type switch
    {
        ColumnType.Integer when format == ValueFormat.Year => EdmPrimitiveTypeKind.Int32,
        ColumnType.Integer => EdmPrimitiveTypeKind.Int64,
        ColumnType.Number => EdmPrimitiveTypeKind.Double,
        ColumnType.Date => EdmPrimitiveTypeKind.Date,
        _ => EdmPrimitiveTypeKind.String,
    };

    private static void Describe(EdmModel model, IEdmStructuralProperty property, string label, string description)
    {
        model.SetDescriptionAnnotation(property, label);
        model.SetLongDescriptionAnnotation(property, description);
    }
}
