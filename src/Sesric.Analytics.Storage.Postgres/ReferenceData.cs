using Npgsql;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.Postgres;

/// <summary>
/// Reference data: programmes, member and observer states, editions; read into a catalogue and written row by row in the
/// caller's transaction. The statements are the ones both stores share (<see cref="ReferenceTables"/>).
/// </summary>
internal static class ReferenceData
{
    /// <summary>Adds or replaces programmes by id.</summary>
    public static WriteOutcome UpsertProgrammes(NpgsqlConnection connection, IReadOnlyCollection<Programme> programmes, CancellationToken ct) =>
        ReferenceTables.UpsertProgrammes(connection, programmes, ct);

    /// <summary>Adds or replaces countries (with their suspensions) by code, and refreshes the fact rows they derive.</summary>
    public static WriteOutcome UpsertCountries(NpgsqlConnection connection, IReadOnlyCollection<Country> countries, CancellationToken ct) =>
        ReferenceTables.UpsertCountries(connection, countries, ct);

    /// <summary>Adds or replaces editions by (programme, number), and refreshes the fact rows they derive.</summary>
    public static WriteOutcome UpsertEditions(NpgsqlConnection connection, IReadOnlyCollection<Edition> editions, CancellationToken ct) =>
        ReferenceTables.UpsertEditions(connection, editions, ct);

    /// <summary>Loads programmes, editions and countries into a <see cref="Catalogue"/>.</summary>
    public static Catalogue LoadCatalogue(NpgsqlConnection connection) => ReferenceTables.LoadCatalogue(connection);
}
