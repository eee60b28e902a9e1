using System.Data;
using System.Data.Common;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// The reference tables of both stores (programmes, member and observer states with their suspensions, editions) over
/// ADO.NET: read into a catalogue, written row by row (a few hundred rows) in the caller's transaction, and the
/// edition- and country-derived columns of <c>participation_fact</c> refreshed after a write. One copy for DuckDB and
/// PostgreSQL: the statements are portable SQL with <c>$1..$n</c> parameters, which both drivers bind in order.
/// </summary>
/// <remarks>Each store's <c>ReferenceData</c> runs these on its own connection and transaction.</remarks>
internal static class ReferenceTables
{
    /// <summary>Partners are stored in one column, joined by this separator, in the source's order.</summary>
    public const string PartnerSeparator = "; ";

    private static readonly RowUpsert ProgrammeRow = new(
        "programme",
        [new("programme_id", "VARCHAR")],
        [new("name_en", "VARCHAR"), new("name_ar", "VARCHAR"), new("name_fr", "VARCHAR"), new("start_year", "INTEGER"), new("source_url", "VARCHAR")]);

    private static readonly RowUpsert CountryRow = new(
        "country",
        [new("iso3", "VARCHAR")],
        [
            new("kind", "VARCHAR"), new("name_en", "VARCHAR"), new("name_ar", "VARCHAR"), new("name_fr", "VARCHAR"),
            new("accession_year", "INTEGER"), new("oic_group", "VARCHAR"), new("group_basis", "VARCHAR"),
            new("observer_since", "INTEGER"), new("source_url", "VARCHAR"), new("notes", "VARCHAR"),
        ]);

    private static readonly RowUpsert EditionRow = new(
        "edition",
        [new("programme_id", "VARCHAR"), new("edition_number", "INTEGER")],
        [
            new("year", "INTEGER"), new("start_date", "DATE"), new("end_date", "DATE"), new("modality", "VARCHAR"),
            new("host_city", "VARCHAR"), new("host_country", "VARCHAR"), new("partners", "VARCHAR"), new("theme", "VARCHAR"),
            new("published_participants", "INTEGER"), new("published_member_states", "INTEGER"),
            new("published_is_lower_bound", "BOOLEAN"), new("source_url", "VARCHAR"), new("notes", "VARCHAR"),
        ]);

    /// <summary>Adds or replaces programmes by id.</summary>
    public static WriteOutcome UpsertProgrammes(DbConnection connection, IReadOnlyCollection<Programme> programmes, CancellationToken ct)
    {
        var tally = new ChangeTally();
        foreach (var p in programmes)
        {
            ct.ThrowIfCancellationRequested();
            tally.Add(ProgrammeRow.Apply(connection, [p.Id.Value, p.Name.English, p.Name.Arabic, p.Name.French, p.StartYear, p.SourceUrl]));
        }
        return tally.ToOutcome();
    }

    /// <summary>Adds or replaces countries (with their suspensions) by code, and refreshes the fact rows they derive.</summary>
    public static WriteOutcome UpsertCountries(DbConnection connection, IReadOnlyCollection<Country> countries, CancellationToken ct)
    {
        var tally = new ChangeTally();
        foreach (var c in countries)
        {
            ct.ThrowIfCancellationRequested();
            var change = CountryRow.Apply(
                connection,
                [
                    c.Code.Value, KindCode(c.Kind), c.Name.English, c.Name.Arabic, c.Name.French, c.AccessionYear,
                    c.Group.Name(), c.GroupBasis.Code(), c.ObserverSince, c.SourceUrl, c.Notes,
                ]);
            if (ReplaceSuspensions(connection, c) && change == RowChange.Unchanged)
            {
                change = RowChange.Updated;
            }
            tally.Add(change);
        }
        RefreshFactReferences(connection, tally, editionsChanged: false);
        return tally.ToOutcome();
    }

    /// <summary>Adds or replaces editions by (programme, number), and refreshes the fact rows they derive.</summary>
    public static WriteOutcome UpsertEditions(DbConnection connection, IReadOnlyCollection<Edition> editions, CancellationToken ct)
    {
        var tally = new ChangeTally();
        foreach (var e in editions)
        {
            ct.ThrowIfCancellationRequested();
            if (ScalarLong(connection, "SELECT COUNT(*) FROM programme WHERE programme_id = $1", e.Programme.Value) == 0)
            {
                throw new ArgumentException(
                    $"edition {e.Id} belongs to programme '{e.Programme}', which is not in the store; import the programmes first.",
                    nameof(editions));
            }
            tally.Add(EditionRow.Apply(
                connection,
                [
                    e.Programme.Value, e.Number, e.Year, e.Dates?.Start, e.Dates?.End, e.Modality.Code(),
                    e.HostCity, e.HostCountry?.Value, e.Partners.Count == 0 ? null : string.Join(PartnerSeparator, e.Partners),
                    e.Theme, e.Published.Participants, e.Published.MemberStates, e.Published.ParticipantsIsLowerBound,
                    e.Published.SourceUrl, e.Notes,
                ]));
        }
        RefreshFactReferences(connection, tally, editionsChanged: true);
        return tally.ToOutcome();
    }

    /// <summary>
    /// After editions or countries changed, brings the edition- and country-derived columns of
    /// <c>participation_fact</c> up to date (a new year, modality, OIC group, accession or suspension), touching
    /// only the rows whose values differ, and after an edition write judges <c>is_single_in_year</c> again for every
    /// person with a row that moved to another year. New editions and countries have no fact rows yet, so a write that only
    /// inserted skips the scan.
    /// </summary>
    private static void RefreshFactReferences(DbConnection connection, ChangeTally tally, bool editionsChanged)
    {
        if (tally.ToOutcome().Updated == 0)
        {
            return;
        }
        // Only an edition can move to another year, and with it a person's only participation that year may
        // stop being so: note whose rows move before moving them, then judge those people's years again.
        if (editionsChanged)
        {
            Execute(
                connection,
                """
                CREATE TEMP TABLE year_moved AS
                SELECT DISTINCT f.participant_key
                FROM participation_fact f
                JOIN edition e ON e.programme_id = f.programme_id AND e.edition_number = f.edition_number
                WHERE f.year <> e.year
                """);
        }
        Execute(
            connection,
            """
            UPDATE participation_fact
            SET year = r.year, modality = r.modality, host_country = r.host_country, reference_date = r.reference_date,
                oic_group = r.oic_group, counts_as_member = r.counts_as_member
            FROM fact_reference r
            WHERE participation_fact.programme_id = r.programme_id AND participation_fact.edition_number = r.edition_number
              AND participation_fact.iso3 = r.iso3
              AND (participation_fact.year IS DISTINCT FROM r.year OR participation_fact.modality IS DISTINCT FROM r.modality
                   OR participation_fact.host_country IS DISTINCT FROM r.host_country
                   OR participation_fact.reference_date IS DISTINCT FROM r.reference_date
                   OR participation_fact.oic_group IS DISTINCT FROM r.oic_group
                   OR participation_fact.counts_as_member IS DISTINCT FROM r.counts_as_member)
            """);
        if (editionsChanged)
        {
            Execute(
                connection,
                """
                UPDATE participation_fact
                SET is_single_in_year = participation_fact.is_counted AND y.counted = 1
                FROM (
                    SELECT participant_key, year, COUNT(*) FILTER (WHERE is_counted) AS counted
                    FROM participation_fact
                    WHERE participant_key IN (SELECT participant_key FROM year_moved)
                    GROUP BY participant_key, year
                ) y
                WHERE participation_fact.participant_key = y.participant_key AND participation_fact.year = y.year
                  AND participation_fact.is_single_in_year <> (participation_fact.is_counted AND y.counted = 1)
                """);
            Execute(connection, "DROP TABLE year_moved");
        }
    }

    /// <summary>Replaces a country's suspensions when they differ from the stored ones; says whether they did.</summary>
    private static bool ReplaceSuspensions(DbConnection connection, Country country)
    {
        var stored = new List<MembershipSuspension>();
        using (var command = Command(
            connection,
            "SELECT suspended_from, restored_on FROM membership_suspension WHERE iso3 = $1 ORDER BY suspended_from", country.Code.Value))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(new MembershipSuspension(
                    reader.GetFieldValue<DateOnly>(0),
                    reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1)));
            }
        }
        if (stored.SequenceEqual(country.Suspensions))
        {
            return false;
        }
        Execute(connection, "DELETE FROM membership_suspension WHERE iso3 = $1", country.Code.Value);
        foreach (var s in country.Suspensions)
        {
            // restored_on is null while a suspension lasts: Npgsql sends an untyped null only where the server can infer
            // its type, so the value carries its type (DbType.Date) and the statement casts it as RowUpsert does.
            using var insert = Command(
                connection, "INSERT INTO membership_suspension (iso3, suspended_from, restored_on) VALUES ($1, $2, CAST($3 AS DATE))");
            AddParameter(insert, country.Code.Value, DbType.String);
            AddParameter(insert, s.From, DbType.Date);
            AddParameter(insert, s.Until, DbType.Date);
            insert.ExecuteNonQuery();
        }
        return true;
    }

    /// <summary>Loads programmes, editions and countries (small tables) into a <see cref="Catalogue"/>.</summary>
    public static Catalogue LoadCatalogue(DbConnection connection)
    {
        var programmes = new List<Programme>();
        using (var command = Command(
            connection,
            "SELECT programme_id, name_en, name_ar, name_fr, start_year, source_url FROM programme ORDER BY programme_id"))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                programmes.Add(new Programme(
                    ProgrammeId.Parse(r.GetString(0)),
                    new LocalizedText(r.GetString(1), NullableString(r, 2), NullableString(r, 3)),
                    NullableInt(r, 4),
                    NullableString(r, 5)));
            }
        }

        var suspensions = new Dictionary<string, List<MembershipSuspension>>(StringComparer.Ordinal);
        using (var command = Command(connection, "SELECT iso3, suspended_from, restored_on FROM membership_suspension ORDER BY iso3, suspended_from"))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var code = r.GetString(0);
                if (!suspensions.TryGetValue(code, out var list))
                {
                    suspensions[code] = list = [];
                }
                list.Add(new MembershipSuspension(r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2)));
            }
        }

        var countries = new List<Country>();
        using (var command = Command(
            connection,
            """
            SELECT iso3, kind, name_en, name_ar, name_fr, accession_year, oic_group, group_basis, observer_since, source_url, notes
            FROM country ORDER BY iso3
            """))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var code = r.GetString(0);
                countries.Add(new Country(
                    CountryCode.Parse(code),
                    ParseKind(r.GetString(1), code),
                    new LocalizedText(r.GetString(2), NullableString(r, 3), NullableString(r, 4)),
                    NullableInt(r, 5),
                    OicGroupText.TryParse(r.GetString(6), out var group) ? group : OicGroup.Unknown,
                    OicGroupText.TryParseBasis(r.GetString(7), out var basis) ? basis : GroupBasis.Unknown,
                    suspensions.TryGetValue(code, out var list) ? list : null,
                    NullableInt(r, 8),
                    NullableString(r, 9),
                    NullableString(r, 10)));
            }
        }

        var editions = new List<Edition>();
        using (var command = Command(
            connection,
            """
            SELECT programme_id, edition_number, year, start_date, end_date, modality, host_city, host_country, partners, theme,
                   published_participants, published_member_states, published_is_lower_bound, source_url, notes
            FROM edition ORDER BY programme_id, edition_number
            """))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var start = r.IsDBNull(3) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(3);
                var end = r.IsDBNull(4) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(4);
                var hostCountry = NullableString(r, 7);
                var partners = NullableString(r, 8);
                editions.Add(new Edition(
                    EditionId.Of(ProgrammeId.Parse(r.GetString(0)), r.GetInt32(1)),
                    r.GetInt32(2),
                    start is { } s && end is { } e ? new DateRange(s, e) : null,
                    ModalityText.TryParse(r.GetString(5), out var modality) ? modality : Modality.Unknown,
                    NullableString(r, 6),
                    hostCountry is null ? null : CountryCode.Parse(hostCountry),
                    partners is null ? [] : partners.Split(PartnerSeparator),
                    NullableString(r, 9),
                    new PublishedTotals(NullableInt(r, 10), NullableInt(r, 11), NullableString(r, 13), r.GetBoolean(12)),
                    NullableString(r, 14)));
            }
        }
        return new Catalogue(programmes, editions, countries);
    }

    private static string KindCode(CountryKind kind) => kind == CountryKind.Observer ? "observer" : "member";

    private static CountryKind ParseKind(string code, string iso3) => code switch
    {
        "member" => CountryKind.Member,
        "observer" => CountryKind.Observer,
        _ => throw new InvalidDataException($"country {iso3} has kind '{code}' in the store; expected 'member' or 'observer'."),
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>A command with its parameters bound in order to <c>$1..$n</c> (null becomes SQL NULL).</summary>
    /// <remarks>Only for values that are never null or whose statement fixes their type: a null whose type the server must
    /// infer gets <see cref="AddParameter"/> with its type instead.</remarks>
    private static DbCommand Command(DbConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            AddParameter(command, value, type: null);
        }
        return command;
    }

    /// <summary>Binds the next positional parameter, with <paramref name="type"/> when given.</summary>
    private static void AddParameter(DbCommand command, object? value, DbType? type)
    {
        var parameter = command.CreateParameter();
        if (type is { } t)
        {
            parameter.DbType = t;
        }
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static void Execute(DbConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>The first value as a long (0 for no row or NULL): a COUNT comes back as a long from both drivers.</summary>
    private static long ScalarLong(DbConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar() switch
        {
            long l => l,
            int i => i,
            short s => s,
            decimal m => (long)m,
            double d => (long)d,
            System.Numerics.BigInteger b => (long)b,
            _ => 0,
        };
    }
}
