using Sesric.Analytics.Semantic;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Maps the semantic model to its API description (<c>ModelService.GetModel</c>).</summary>
public static class ModelMapper
{
    /// <summary>The whole model.</summary>
    public static V1.GetModelResponse ToProto(SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var response = new V1.GetModelResponse();
        response.Dimensions.AddRange(model.Dimensions.Select(ToProto));
        response.Measures.AddRange(model.Measures.Select(ToProto));
        response.TimeFunctions.AddRange(SemanticModel.TimeIntelligenceFunctions);
        return response;
    }

    /// <summary>One dimension with its traits.</summary>
    public static V1.ModelDimension ToProto(DimensionDefinition d) => new()
    {
        Name = d.Name,
        Label = CatalogMapper.ToProto(d.Label),
        Description = d.Description,
        Type = ResultMapper.ToProto(d.ColumnType),
        Format = ResultMapper.ToProto(d.ValueFormat),
        TimeGrain = d.Time switch
        {
            TimeGrain.Year => V1.TimeGrain.Year,
            TimeGrain.Day => V1.TimeGrain.Day,
            _ => V1.TimeGrain.Unspecified,
        },
        Ordered = d.IsOrdered,
        Members = d.Members switch
        {
            MemberReference.Programme => V1.MemberReference.Programme,
            MemberReference.Edition => V1.MemberReference.Edition,
            MemberReference.Country => V1.MemberReference.Country,
            _ => V1.MemberReference.Unspecified,
        },
        DisclosureLevel = d.Level switch
        {
            Semantic.DisclosureLevel.Edition => V1.DisclosureLevel.Edition,
            Semantic.DisclosureLevel.MemberState => V1.DisclosureLevel.MemberState,
            _ => V1.DisclosureLevel.Person,
        },
        ValueHint = d.ValueHint,
        EditionLevel = d.IsEditionLevel,
    };

    /// <summary>One base measure (built in, or defined by the model file with its definition).</summary>
    public static V1.ModelMeasure ToProto(MeasureDefinition m) => new()
    {
        Name = m.Name,
        Label = CatalogMapper.ToProto(m.Label),
        Description = m.Description,
        Type = ResultMapper.ToProto(m.ColumnType),
        Format = ResultMapper.ToProto(m.ValueFormat),
        Source = m.Source == FactSource.Published ? V1.MeasureSource.Published : V1.MeasureSource.Registry,
        Expression = m.Expression ?? "",
        Kind = m.Kind ?? "",
    };
}
