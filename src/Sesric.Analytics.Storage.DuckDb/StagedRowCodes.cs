using DuckDB.NET.Data;

using Sesric.Analytics.Model;
using Sesric.Analytics.Storage.DuckDb.Sql;

namespace Sesric.Analytics.Storage.DuckDb;

/// <summary>
/// Numbers the few distinct values of a staged row's low-cardinality fields (its country, gender, edition and
/// attendance), so that <c>import_row</c> holds integers where it held text, and writes the tables that turn the numbers
/// back into values (<c>import_country_code</c>, <c>import_gender_code</c>, <c>import_edition_code</c>,
/// <c>import_attendance_code</c>).
/// </summary>
/// <remarks>
/// <para>Why: the import appends a million rows and groups them twice; an integer is appended without encoding a
/// string for DuckDB and grouped and compared without reading one. The numbers mean nothing beyond one import: equal
/// values have equal numbers, so comparing numbers compares values, and every statement that shows or stores a value
/// reads it back through its table.</para>
/// <para>Countries and editions are numbered in the order they are first seen (an import meets a few hundred at most:
/// the rows' own checks admit only the catalogue's); a gender or attendance is its enum value, and their tables list
/// every value.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: one instance serves one staging loop.</threadsafety>
internal sealed class StagedRowCodes
{
    private readonly Dictionary<CountryCode, int> _countries = [];
    private readonly Dictionary<EditionId, int> _editions = [];

    // Files usually list an edition's rows together, so the last edition seen answers most rows without a lookup.
    private EditionId _lastEdition;
    private int _lastEditionCode = -1;

    /// <summary>The number of <paramref name="country"/> in this import.</summary>
    public int Country(CountryCode country)
    {
        if (!_countries.TryGetValue(country, out var code))
        {
            code = _countries.Count;
            _countries.Add(country, code);
        }
        return code;
    }

    /// <summary>The number of <paramref name="edition"/> in this import.</summary>
    public int Edition(EditionId edition)
    {
        if (_lastEditionCode >= 0 && edition == _lastEdition)
        {
            return _lastEditionCode;
        }
        if (!_editions.TryGetValue(edition, out var code))
        {
            code = _editions.Count;
            _editions.Add(edition, code);
        }
        _lastEdition = edition;
        _lastEditionCode = code;
        return code;
    }

    /// <summary>The number of <paramref name="gender"/>: its enum value.</summary>
    public static int Gender(Gender gender) => (int)gender;

    /// <summary>The number of <paramref name="status"/>: its enum value.</summary>
    public static int Attendance(AttendanceStatus status) => (int)status;

    /// <summary>Writes the four tables that read the numbers back, as temporary tables of the caller's transaction.</summary>
    public void WriteTables(DuckDBConnection connection)
    {
        connection.Execute("CREATE TEMP TABLE import_country_code (code INTEGER, iso3 VARCHAR)");
        // Typed as the registry's columns (migration 012), so the classified rows carry ENUM values, not text to cast.
        connection.Execute("CREATE TEMP TABLE import_gender_code (code INTEGER, gender gender_code)");
        connection.Execute("CREATE TEMP TABLE import_edition_code (code INTEGER, programme_id VARCHAR, edition_number INTEGER)");
        connection.Execute("CREATE TEMP TABLE import_attendance_code (code INTEGER, attendance attendance_code)");
        using (var appender = connection.CreateAppender("import_country_code"))
        {
            foreach (var (country, code) in _countries)
            {
                appender.CreateRow().AppendValue((int?)code).AppendValue(country.Value).EndRow();
            }
        }
        using (var appender = connection.CreateAppender("import_gender_code"))
        {
            foreach (var gender in Enum.GetValues<Gender>())
            {
                appender.CreateRow().AppendValue((int?)Gender(gender)).AppendValue(gender.Code()).EndRow();
            }
        }
        using (var appender = connection.CreateAppender("import_edition_code"))
        {
            foreach (var (edition, code) in _editions)
            {
                appender.CreateRow().AppendValue((int?)code).AppendValue(edition.Programme.Value).AppendValue((int?)edition.Number).EndRow();
            }
        }
        using (var appender = connection.CreateAppender("import_attendance_code"))
        {
            foreach (var status in Enum.GetValues<AttendanceStatus>())
            {
                appender.CreateRow().AppendValue((int?)Attendance(status)).AppendValue(status.Code()).EndRow();
            }
        }
    }

    /// <summary>Drops the four tables.</summary>
    public static void DropTables(DuckDBConnection connection)
    {
        foreach (var table in (string[])["import_country_code", "import_gender_code", "import_edition_code", "import_attendance_code"])
        {
            connection.Execute($"DROP TABLE {table}");
        }
    }
}
