using Sesric.Analytics.Api.Filtering;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Api.Services;

/// <summary>The filter and order_by fields of the catalogue's List methods, as documented in catalog_service.proto.</summary>
public static class CatalogFields
{
    /// <summary>ListProgrammes: <c>programme_id</c>, <c>start_year</c>.</summary>
    public static ListFields<Programme> Programmes { get; } = new(
    [
        ListField<Programme>.Text("programme_id", p => p.Id.Value),
        ListField<Programme>.Number("start_year", p => p.StartYear),
    ]);

    /// <summary>ListEditions: <c>programme</c>, <c>edition_number</c>, <c>year</c>, <c>modality</c>, <c>host_country</c>, <c>published_participants</c>.</summary>
    public static ListFields<Edition> Editions { get; } = new(
    [
        ListField<Edition>.Text("programme", e => e.Programme.Value),
        ListField<Edition>.Number("edition_number", e => e.Number),
        ListField<Edition>.Number("year", e => e.Year),
        ListField<Edition>.Text("modality", e => e.Modality.Code()),
        ListField<Edition>.Text("host_country", e => e.HostCountry?.Value),
        ListField<Edition>.Number("published_participants", e => e.Published.Participants),
    ]);

    /// <summary>ListMemberStates: <c>iso3</c>, <c>kind</c>, <c>oic_group</c>, <c>accession_year</c>.</summary>
    public static ListFields<Country> MemberStates { get; } = new(
    [
        ListField<Country>.Text("iso3", c => c.Code.Value),
        ListField<Country>.Text("kind", c => c.Kind == CountryKind.Member ? "member" : "observer"),
        ListField<Country>.Text("oic_group", c => c.Group switch
        {
            OicGroup.African => "african",
            OicGroup.Arab => "arab",
            OicGroup.Asian => "asian",
            _ => "unknown",
        }),
        ListField<Country>.Number("accession_year", c => c.AccessionYear),
    ]);
}
