using System.Globalization;

using Sesric.Analytics.Model;
using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Maps catalogue types (Core) to their API messages and back.</summary>
public static class CatalogMapper
{
    /// <summary>A programme with its edition count.</summary>
    public static V1.Programme ToProto(Programme programme, int editionCount)
    {
        var message = new V1.Programme
        {
            Name = ResourceNames.Of(programme.Id),
            ProgrammeId = programme.Id.Value,
            DisplayName = ToProto(programme.Name),
            ShortName = programme.ShortName,
            SourceUri = programme.SourceUrl ?? "",
            EditionCount = editionCount,
        };
        if (programme.StartYear is { } year)
        {
            message.StartYear = year;
        }
        return message;
    }

    /// <summary>An edition with its registry statistics, when known.</summary>
    public static V1.Edition ToProto(Edition edition, EditionStatistics? statistics)
    {
        var message = new V1.Edition
        {
            Name = ResourceNames.Of(edition.Id),
            Programme = ResourceNames.Of(edition.Programme),
            EditionNumber = edition.Number,
            Year = edition.Year,
            StartDate = edition.Dates is { } d ? Date(d.Start) : "",
            EndDate = edition.Dates is { } e ? Date(e.End) : "",
            Modality = ToProto(edition.Modality),
            HostCity = edition.HostCity ?? "",
            HostCountry = edition.HostCountry?.Value ?? "",
            Theme = edition.Theme ?? "",
            Published = ToProto(edition.Published),
            Notes = edition.Notes ?? "",
        };
        message.Partners.AddRange(edition.Partners);
        if (statistics is not null)
        {
            message.Registry = new V1.RegistryTotals
            {
                Participants = statistics.RegistryParticipants,
                MemberStates = statistics.RegistryMemberStates,
                // Participants from observer states are people below the whole edition: protected like any public count.
                ObserverParticipants = PerturbationTable.Current.Perturb(statistics.RegistryObserverParticipants, statistics.ObserverParticipantsCellKey),
                SyntheticParticipations = statistics.SyntheticParticipations,
                HasRegistry = statistics.HasRegistry,
            };
            message.Agreement = statistics.Agreement switch
            {
                Agreement.Agree => V1.Agreement.Agree,
                Agreement.Differ => V1.Agreement.Differ,
                _ => V1.Agreement.NotComparable,
            };
        }
        return message;
    }

    /// <summary>A member or observer state.</summary>
    public static V1.MemberState ToProto(Country country)
    {
        var message = new V1.MemberState
        {
            Name = ResourceNames.Of(country.Code),
            Iso3 = country.Code.Value,
            DisplayName = ToProto(country.Name),
            Kind = country.Kind == CountryKind.Member ? V1.CountryKind.Member : V1.CountryKind.Observer,
            OicGroup = ToProto(country.Group),
            GroupBasis = country.GroupBasis switch
            {
                GroupBasis.Read => V1.GroupBasis.Read,
                GroupBasis.Inferred => V1.GroupBasis.Inferred,
                _ => V1.GroupBasis.Unspecified,
            },
            SourceUri = country.SourceUrl ?? "",
            Notes = country.Notes ?? "",
        };
        if (country.AccessionYear is { } accession)
        {
            message.AccessionYear = accession;
        }
        if (country.ObserverSince is { } since)
        {
            message.ObserverSince = since;
        }
        message.Suspensions.AddRange(country.Suspensions.Select(s => new V1.MembershipSuspension
        {
            SuspendedFrom = Date(s.From),
            RestoredOn = s.Until is { } until ? Date(until) : "",
        }));
        return message;
    }

    /// <summary>An OIC group.</summary>
    public static V1.OicGroup ToProto(OicGroup group) => group switch
    {
        OicGroup.African => V1.OicGroup.African,
        OicGroup.Arab => V1.OicGroup.Arab,
        OicGroup.Asian => V1.OicGroup.Asian,
        _ => V1.OicGroup.Unspecified,
    };

    /// <summary>A text in three languages.</summary>
    public static V1.LocalizedText ToProto(LocalizedText text) =>
        new() { En = text.English, Ar = text.Arabic ?? "", Fr = text.French ?? "" };

    /// <summary>A modality.</summary>
    public static V1.Modality ToProto(Modality modality) => modality switch
    {
        Modality.InPerson => V1.Modality.InPerson,
        Modality.Virtual => V1.Modality.Virtual,
        Modality.Hybrid => V1.Modality.Hybrid,
        _ => V1.Modality.Unspecified,
    };

    /// <summary>Published totals.</summary>
    public static V1.PublishedTotals ToProto(PublishedTotals published)
    {
        var message = new V1.PublishedTotals { SourceUri = published.SourceUrl ?? "", ParticipantsIsLowerBound = published.ParticipantsIsLowerBound };
        if (published.Participants is { } p)
        {
            message.Participants = p;
        }
        if (published.MemberStates is { } m)
        {
            message.MemberStates = m;
        }
        return message;
    }

    /// <summary>A date as <c>YYYY-MM-DD</c>.</summary>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
