using System.Runtime.CompilerServices;

using CsvHelper;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// The participations file: one row per participant and edition, with the participant's attributes.
/// Columns: <c>programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic</c>, and an
/// optional <c>record_key</c> (the person's disclosure record key, written by exports so a store rebuilt from one
/// publishes the same protected figures; blank or absent lets the store draw one) and an optional <c>nominated_on</c>
/// (the day the member state nominated the participant, <c>yyyy-MM-dd</c>, no later than the edition's last day;
/// blank or absent: not recorded, and an import keeps a date already stored).
/// </summary>
/// <remarks>
/// <see cref="Read"/> streams: it yields each valid row as it is read and keeps only the keys it needs to
/// find duplicates (memory grows with distinct participants and rows' keys, never with whole rows). After the
/// last row it throws <see cref="ImportRejectedException"/> listing every problem, so a caller that writes
/// inside one transaction rolls back and nothing of a bad file lands. <see cref="Write(TextWriter, IEnumerable{Participation})"/>
/// writes exactly what <see cref="Read"/> reads.
/// </remarks>
public static class ParticipationCsv
{
    /// <summary>The columns, in the order written.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["programme", "edition", "participant_id", "country_iso3", "gender", "institution_type", "attendance", "synthetic"];

    /// <summary>The optional columns, written after <see cref="Columns"/>.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["record_key", "nominated_on"];

    /// <summary>At most this many problems are kept; the rest are only counted (<see cref="ImportRejectedException.TotalCount"/>).</summary>
    public const int MaxProblemsListed = 10_000;

    /// <summary>
    /// Reads participations, checking each against <paramref name="catalogue"/>. Valid rows are yielded as
    /// they are read; when the end is reached and any row was bad, throws <see cref="ImportRejectedException"/>
    /// with every problem in file order.
    /// </summary>
    /// <param name="reader">The CSV text (UTF-8 decoded), with a header line.</param>
    /// <param name="catalogue">The programmes, editions and countries rows must refer to.</param>
    /// <param name="sourceName">A name for the input in file-level messages (such as the file name).</param>
    public static IEnumerable<Participation> Read(TextReader reader, Catalogue catalogue, string sourceName = "input")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalogue);
        return ReadRows(reader, catalogue, sourceName);
    }

    /// <summary>Writes participations with a header line, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<Participation> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(writer, CsvText.WriterOptions, leaveOpen: true);
        WriteHeader(csv);
        foreach (var row in rows)
        {
            WriteRow(csv, row);
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Writes participations with a header line, as they arrive (for a store's streaming read).</summary>
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<Participation> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(writer, CsvText.WriterOptions, leaveOpen: true);
        WriteHeader(csv);
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            WriteRow(csv, row);
            await csv.EndRecordAsync(ct).ConfigureAwait(false);
        }
        await csv.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes participations with a header line (synchronous source, asynchronous output).</summary>
    public static Task WriteAsync(TextWriter writer, IEnumerable<Participation> rows, CancellationToken ct = default) =>
        WriteAsync(writer, ToAsync(rows, ct), ct);

    private static void WriteHeader(CsvWriter csv)
    {
        foreach (var column in Columns.Concat(OptionalColumns))
        {
            csv.WriteField(column);
        }
        csv.EndRecord();
    }

    private static void WriteRow(CsvWriter csv, Participation row)
    {
        csv.WriteField(row.Edition.Programme.Value);
        csv.WriteField(CsvText.Int(row.Edition.Number));
        csv.WriteField(row.Participant.Id.Value);
        csv.WriteField(row.Participant.Country.Value);
        csv.WriteField(row.Participant.Gender.Code());
        csv.WriteField(row.Participant.InstitutionType ?? "");
        csv.WriteField(row.Status.Code());
        csv.WriteField(CsvText.Bool(row.IsSynthetic));
        csv.WriteField(row.Participant.RecordKey is { } key ? CsvText.Int(key) : "");
        csv.WriteField(row.NominatedOn is { } day ? CsvText.Date(day) : "");
    }

    private static async IAsyncEnumerable<Participation> ToAsync(IEnumerable<Participation> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static IEnumerable<Participation> ReadRows(TextReader reader, Catalogue catalogue, string sourceName)
    {
        var problems = new ProblemList();
        using (var table = CsvTableReader.Open(reader, $"participations ({sourceName})", Columns, OptionalColumns, problems.Items))
        {
            if (table is not null)
            {
                var checker = new ParticipationChecker(catalogue, problems);
                while (table.Read())
                {
                    if (checker.Check(table) is { } participation)
                    {
                        yield return participation;
                    }
                    if (problems.Items.Count > MaxProblemsListed)
                    {
                        problems.Truncate(MaxProblemsListed);
                    }
                }
            }
        }
        if (problems.HasAny)
        {
            throw problems.ToException();
        }
    }
}
