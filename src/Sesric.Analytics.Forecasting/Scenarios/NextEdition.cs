using System.Globalization;

using Sesric.Analytics.Forecasting.Data;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Forecasting.Scenarios;

/// <summary>Works out the next edition of a programme from its history, a scenario and today's date.</summary>
internal static class NextEdition
{
    public static EditionAssumptions Resolve(ForecastDataset dataset, ProgrammeId programme, Scenario scenario, DateOnly today)
    {
        var editions = dataset.EditionsOf(programme);
        var last = editions[^1];
        var notes = new List<string>();
        var number = last.Number + 1;
        notes.Add(Invariant($"edition: {number}, one after the last known edition ({last.Number}, {last.Year})"));

        int year;
        if (scenario.Year is { } given)
        {
            if (given <= last.Year)
            {
                throw new ArgumentOutOfRangeException("year", given, Invariant($"year must come after the programme's last edition ({last.Year}), was {given}."));
            }
            year = given;
        }
        else
        {
            year = Math.Max(last.Year + 1, today.Year);
            notes.Add(Invariant($"year: {year}, the later of the year after the last edition and today's year"));
        }

        var knownModality = editions.LastOrDefault(e => e.Modality != Modality.Unknown);
        var modality = scenario.Modality ?? knownModality?.Modality ?? Modality.Unknown;
        if (scenario.Modality is null)
        {
            notes.Add(knownModality is null ? "modality: unknown (no edition records one)" : Invariant($"modality: {modality.Code()}, as in {knownModality.Year}"));
        }

        var knownDuration = editions.LastOrDefault(e => e.DurationDays is not null);
        var duration = scenario.DurationDays ?? knownDuration?.DurationDays;
        if (scenario.DurationDays is null)
        {
            notes.Add(knownDuration is null ? "duration: unknown (no edition records dates)" : Invariant($"duration: {duration} days, as in {knownDuration.Year}"));
        }

        var month = editions.LastOrDefault(e => e.Month is not null)?.Month;
        var partners = scenario.Partners ?? last.Partners;
        if (scenario.Partners is null)
        {
            notes.Add(Invariant($"partners: {partners}, as in {last.Year}"));
        }

        int eligible;
        if (scenario.EligibleStates is { } states)
        {
            eligible = states;
        }
        else if (dataset.EligibleStatesOn(new DateOnly(year, month ?? 7, 1)) is { } counted)
        {
            eligible = counted;
            notes.Add(Invariant($"eligible member states: {eligible}, in good standing in {year} per the catalogue"));
        }
        else
        {
            eligible = last.EligibleStates;
            notes.Add(Invariant($"eligible member states: {eligible}, as in {last.Year}"));
        }
        return new EditionAssumptions(EditionId.Of(programme, number), year, modality, duration, month, partners, eligible, notes);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
