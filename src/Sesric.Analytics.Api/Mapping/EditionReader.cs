using System.Globalization;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Model;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>
/// Reads an edition sent by a client, collecting every field problem before answering, so one
/// INVALID_ARGUMENT lists them all.
/// </summary>
public static class EditionReader
{
    private const int MaxShortText = 200;
    private const int MaxLongText = 1_000;
    private const int MaxNotes = 4_000;
    private const int MaxUrl = 2_000;
    private const int MaxPartners = 50;

    /// <summary>The Core edition, or INVALID_ARGUMENT with a BadRequest naming each bad <c>edition.*</c> field.</summary>
    public static Edition Read(V1.Edition? message)
    {
        if (message is null)
        {
            throw RpcErrors.InvalidArgument("edition", "is required.");
        }
        var problems = new List<RpcErrors.FieldProblem>();
        void Problem(string field, string description) => problems.Add(new RpcErrors.FieldProblem("edition." + field, description));

        EditionId? id = null;
        if (!string.IsNullOrEmpty(message.Name))
        {
            try
            {
                id = ResourceNames.ParseEdition(message.Name, "edition.name");
            }
            catch (Grpc.Core.RpcException)
            {
                Problem("name", $"'{Echo.Of(message.Name)}' is not programmes/{{programme}}/editions/{{number}}.");
            }
        }
        else if (message.Programme.StartsWith("programmes/", StringComparison.Ordinal)
                 && ProgrammeId.TryParse(message.Programme["programmes/".Length..], out var programme)
                 && message.EditionNumber is >= 1 and <= 10_000)
        {
            id = new EditionId(programme, message.EditionNumber);
        }
        else
        {
            Problem("name", "give name (programmes/{programme}/editions/{number}), or programme and edition_number (1-10000).");
        }

        if (message.Year is < 1969 or > 2100)
        {
            Problem("year", $"must be between 1969 and 2100, was {message.Year}.");
        }
        var start = ReadDate(message.StartDate, "start_date", Problem);
        var end = ReadDate(message.EndDate, "end_date", Problem);
        DateRange? dates = null;
        if (start is { } s && end is { } e)
        {
            if (e < s)
            {
                Problem("end_date", $"{message.EndDate} is before start_date {message.StartDate}.");
            }
            else if (s.Year != message.Year)
            {
                Problem("start_date", $"{message.StartDate} is not in year {message.Year}.");
            }
            else
            {
                dates = new DateRange(s, e);
            }
        }
        else if (string.IsNullOrEmpty(message.StartDate) != string.IsNullOrEmpty(message.EndDate))
        {
            Problem(start is null ? "start_date" : "end_date", "give both start_date and end_date, or neither.");
        }
        if (!Enum.IsDefined(message.Modality))
        {
            Problem("modality", $"{(int)message.Modality} is not a Modality value.");
        }
        CountryCode? host = null;
        if (!string.IsNullOrEmpty(message.HostCountry))
        {
            if (CountryCode.TryParse(message.HostCountry, out var code))
            {
                host = code;
            }
            else
            {
                Problem("host_country", $"'{Echo.Of(message.HostCountry)}' is not an ISO 3166 alpha-3 code such as TUR.");
            }
        }
        var published = message.Published ?? new V1.PublishedTotals();
        if (published.HasParticipants && published.Participants < 0)
        {
            Problem("published.participants", $"must not be negative, was {published.Participants}.");
        }
        if (published.HasMemberStates && published.MemberStates is < 0 or > 57)
        {
            Problem("published.member_states", $"must be between 0 and 57, was {published.MemberStates}.");
        }
        // Free text is stored and printed in every report and listing: bounded, so one call cannot store megabytes.
        CheckLength(message.HostCity, "host_city", MaxShortText, Problem);
        CheckLength(message.Theme, "theme", MaxLongText, Problem);
        CheckLength(message.Notes, "notes", MaxNotes, Problem);
        CheckLength(message.Published?.SourceUri ?? "", "published.source_uri", MaxUrl, Problem);
        if (message.Partners.Count > MaxPartners)
        {
            Problem("partners", $"lists {message.Partners.Count} partners; at most {MaxPartners} are allowed.");
        }
        for (var i = 0; i < message.Partners.Count; i++)
        {
            CheckLength(message.Partners[i], $"partners[{i}]", MaxShortText, Problem);
        }

        if (problems.Count > 0 || id is null)
        {
            throw RpcErrors.InvalidArgument($"{problems.Count} invalid edition field(s); nothing was written.", problems);
        }
        return new Edition(
            id.Value,
            message.Year,
            dates,
            message.Modality switch
            {
                V1.Modality.InPerson => Modality.InPerson,
                V1.Modality.Virtual => Modality.Virtual,
                V1.Modality.Hybrid => Modality.Hybrid,
                _ => Modality.Unknown,
            },
            message.HostCity,
            host,
            message.Partners.ToArray(),
            message.Theme,
            new PublishedTotals(
                published.HasParticipants ? published.Participants : null,
                published.HasMemberStates ? published.MemberStates : null,
                string.IsNullOrWhiteSpace(published.SourceUri) ? null : published.SourceUri,
                published.ParticipantsIsLowerBound),
            message.Notes);
    }

    private static DateOnly? ReadDate(string text, string field, Action<string, string> problem)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        problem(field, $"'{Echo.Of(text)}' is not a date written YYYY-MM-DD.");
        return null;
    }

    private static void CheckLength(string text, string field, int max, Action<string, string> problem)
    {
        if (text.Length > max)
        {
            problem(field, $"is {text.Length:N0} characters long; at most {max:N0} are allowed.");
        }
    }
}
