using Sesric.Analytics.Model;
using Sesric.Analytics.Server.Filtering;

namespace Sesric.Analytics.Server.Services;

/// <summary>The filter and order_by fields of the catalogue's List methods, as documented in catalog_service.proto.</summary>
public static class CatalogFields
{
    /// <summary>ListProgrammes: <c>programme_id</c>, <c>start_year</c>.</summary>
    public static ListFields<Programme> Programmes { get; } = new(new Dictionary<string, Func<Programme, object?>>
    {
        ["programme_id"] = p => p.Id.Value,
        ["start_year"] = p => (long?)p.StartYear,
    });

    /// <summary>ListEditions: <c>programme</c>, <c>edition_number</c>, <c>year</c>, <c>modality</c>, <c>host_country</c>, <c>published_participants</c>.</summary>
    public static ListFields<Edition> Editions { get; } = new(new Dictionary<string, Func<Edition, object?>>
    {
        ["programme"] = e => e.Programme.Value,
        ["edition_number"] = e => (long)e.Number,
        ["year"] = e => (long)e.Year,
        ["modality"] = e => e.Modality.Code(),
        ["host_country"] = e => e.HostCountry?.Value,
        ["published_participants"] = e => (long?)e.Published.Participants,
    });

    /// <summary>ListMemberStates: <c>iso3</c>, <c>kind</c>, <c>oic_group</c>, <c>accession_year</c>.</summary>
    public static ListFields<Country> MemberStates { get; } = new(new Dictionary<string, Func<Country, object?>>
    {
        ["iso3"] = c => c.Code.Value,
        ["kind"] = c => c.Kind == CountryKind.Member ? "member" : "observer",
        ["oic_group"] = c => c.Group switch
        {
            OicGroup.African => "african",
            OicGroup.Arab => "arab",
            OicGroup.Asian => "asian",
            _ => "unknown",
        },
        ["accession_year"] = c => (long?)c.AccessionYear,
    });
}
