using System.Globalization;

using Npgsql;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// The editions and member states that the staged rows name and the store does not hold, found while the rows are
/// staged. A row's catalogue may differ from the store's, so an import refuses such rows before it writes anything.
/// </summary>
/// <remarks>
/// The store's editions and member states are a few thousand rows, read once under the write lock. Checking each row
/// here as it streams past costs a hash lookup. The two anti-joins over the staged rows that did this job took 0.45 s
/// of backend time on a 1M-row import (scratch cluster, quiet). Each list keeps the ten smallest names in ordinal
/// order, as the refusal quotes them.
/// </remarks>
internal sealed class UnknownReferences
{
    /// <summary>How many unknown names of each kind a refusal lists.</summary>
    internal const int Listed = 10;

    // Keyed by the stored text, which the SQL check compared.
    private readonly HashSet<(string Programme, int Number)> _editions;
    private readonly HashSet<string> _countries;
    private readonly SortedSet<string> _unknownEditions = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unknownCountries = new(StringComparer.Ordinal);

    // The last edition and country found in the store: rows come grouped by edition, and a country repeats often, so
    // most rows are checked by these two comparisons alone.
    private EditionId? _lastEdition;
    private CountryCode? _lastCountry;

    private UnknownReferences(HashSet<(string, int)> editions, HashSet<string> countries)
    {
        _editions = editions;
        _countries = countries;
    }

    /// <summary>Reads the store's editions and member states, in the caller's transaction.</summary>
    public static async Task<UnknownReferences> ReadStoreAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var editions = new HashSet<(string, int)>();
        await using (var command = new NpgsqlCommand("SELECT programme_id, edition_number FROM edition", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                editions.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }
        var countries = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT iso3 FROM country", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                countries.Add(reader.GetString(0));
            }
        }
        return new UnknownReferences(editions, countries);
    }

    /// <summary>Notes the edition and member state of <paramref name="row"/> when the store lacks them.</summary>
    public void Check(Participation row)
    {
        var edition = row.Edition;
        if (edition != _lastEdition)
        {
            if (_editions.Contains((edition.Programme.Value, edition.Number)))
            {
                _lastEdition = edition;
            }
            else
            {
                Note(_unknownEditions, $"{edition.Programme.Value}/{edition.Number.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        var country = row.Participant.Country;
        if (country != _lastCountry)
        {
            if (_countries.Contains(country.Value))
            {
                _lastCountry = country;
            }
            else
            {
                Note(_unknownCountries, country.Value);
            }
        }
    }

    /// <summary>Refuses the import when a row named an edition, then a member state, that the store lacks.</summary>
    /// <exception cref="ArgumentException">The rows name an edition or a member state the store does not hold.</exception>
    public void ThrowIfAny()
    {
        if (_unknownEditions.Count > 0)
        {
            throw new ArgumentException($"edition(s) {string.Join(", ", _unknownEditions)} are not in the store; import the editions first.", "rows");
        }
        if (_unknownCountries.Count > 0)
        {
            throw new ArgumentException($"country code(s) {string.Join(", ", _unknownCountries)} are not in the store; import the member states first.", "rows");
        }
    }

    private static void Note(SortedSet<string> unknown, string name)
    {
        if (unknown.Add(name) && unknown.Count > Listed)
        {
            unknown.Remove(unknown.Max!);
        }
    }
}
