namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>Queries that recompute <c>participation_fact</c> from the base tables by other means than the import's, counting disagreements.</summary>
internal static class FactRecomputation
{
    /// <summary>Fact rows whose flags differ from a recomputation by grouped counts over the base tables (none expected).</summary>
    public const string FlagMismatches =
        """
        WITH c AS (
            SELECT pt.participant_key, pn.programme_id, pn.edition_number, e.year, pn.attendance IN ('attended', 'completed') AS counted
            FROM participation pn
            JOIN participant pt ON pt.participant_id = pn.participant_id
            JOIN edition e ON e.programme_id = pn.programme_id AND e.edition_number = pn.edition_number),
        per_person AS (SELECT participant_key, COUNT(*) FILTER (WHERE counted) AS n FROM c GROUP BY participant_key),
        per_year AS (SELECT participant_key, year, COUNT(*) FILTER (WHERE counted) AS n FROM c GROUP BY participant_key, year)
        SELECT COUNT(*)
        FROM c
        JOIN per_person pp ON pp.participant_key = c.participant_key
        JOIN per_year py ON py.participant_key = c.participant_key AND py.year = c.year
        LEFT JOIN participation_fact f
          ON f.participant_key = c.participant_key AND f.programme_id = c.programme_id AND f.edition_number = c.edition_number
        WHERE f.is_single IS DISTINCT FROM (c.counted AND pp.n = 1)
           OR f.is_single_in_year IS DISTINCT FROM (c.counted AND py.n = 1)
        """;

    /// <summary>
    /// Participations without exactly one fact row carrying their person's key, country, gender and record key and their
    /// own attendance and flags, plus fact rows without a participation (none expected).
    /// </summary>
    public const string RowMismatches =
        """
        SELECT (SELECT COUNT(*)
                FROM participation pn
                JOIN participant pt ON pt.participant_id = pn.participant_id
                LEFT JOIN participation_fact f
                  ON f.participant_key = pt.participant_key AND f.programme_id = pn.programme_id AND f.edition_number = pn.edition_number
                WHERE f.participant_key IS NULL OR f.iso3 <> pt.iso3 OR f.gender <> pt.gender OR f.record_key <> pt.record_key
                   OR f.attendance <> pn.attendance OR f.is_counted <> (pn.attendance IN ('attended', 'completed'))
                   OR f.is_synthetic <> (pn.is_synthetic OR pt.is_synthetic))
             + (SELECT COUNT(*) FROM participation_fact) - (SELECT COUNT(*) FROM participation)
        """;
}
