using System.Globalization;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Import;

/// <summary>
/// A problem between rows of one import, found by whoever checks the whole import (the validator as it reads, or a
/// store over its staged rows): a participant with another country or gender than on their first row, or a second row
/// for the same participant and edition. The wording is one for all, so each finder reports alike.
/// </summary>
/// <param name="Line">The later row, where the problem is reported.</param>
/// <param name="Field">The field at fault: <see cref="ParticipationField.Country"/>, <see cref="ParticipationField.Gender"/>
/// or <see cref="ParticipationField.ParticipantId"/> (a duplicate).</param>
/// <param name="Cell">The later row's cell of that field, as the file gives it (quoted in the problem).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record AcrossRowsProblem(long Line, ParticipationField Field, string Cell, string Message)
{
    /// <summary>A participant's country differs from the one on their first row.</summary>
    public static string CountryMessage(ParticipantId id, CountryCode first, string firstRow, CountryCode here) =>
        $"participant {id} has country {first} on {firstRow} but {here} here; a participant has one country: correct one of the two rows";

    /// <summary>A participant's gender differs from the one on their first row.</summary>
    public static string GenderMessage(ParticipantId id, Gender first, string firstRow, Gender here) =>
        $"participant {id} has gender {first.Code()} on {firstRow} but {here.Code()} here; a participant has one gender: correct one of the two rows";

    /// <summary>A second (or later) row for the same participant and edition.</summary>
    public static string DuplicateMessage(ParticipantId id, EditionId edition, string firstRow, string row) =>
        $"duplicate participant in the same edition: {id} is already in {edition} on {firstRow} (and again on {row}); keep one row per participant and edition";

    /// <summary>How a file's problems name a line.</summary>
    public static string LineName(long line) => $"line {line}";

    /// <summary>Line <paramref name="line"/> gives participant <paramref name="id"/> another country than their first line.</summary>
    public static AcrossRowsProblem OtherCountry(long line, ParticipantId id, long firstLine, CountryCode first, CountryCode here, string cell) =>
        new(line, ParticipationField.Country, cell, CountryMessage(id, first, LineName(firstLine), here));

    /// <summary>Line <paramref name="line"/> gives participant <paramref name="id"/> another gender than their first line.</summary>
    public static AcrossRowsProblem OtherGender(long line, ParticipantId id, long firstLine, Gender first, Gender here, string cell) =>
        new(line, ParticipationField.Gender, cell, GenderMessage(id, first, LineName(firstLine), here));

    /// <summary>Line <paramref name="line"/> repeats participant <paramref name="id"/> in an edition of line <paramref name="firstLine"/>.</summary>
    public static AcrossRowsProblem Duplicate(long line, ParticipantId id, long firstLine, EditionId edition) =>
        new(line, ParticipationField.ParticipantId, id.Value, DuplicateMessage(id, edition, LineName(firstLine), LineName(line)));

    /// <summary>
    /// A problem as a store's query over its staged rows gives it, in text: <paramref name="kind"/> 2 a duplicate (first value
    /// the programme, value the edition number), 3 another country, 4 another gender (first value and value the codes).
    /// Both stores' <c>RejectFile</c> queries return this shape.
    /// </summary>
    /// <exception cref="InvalidDataException">A staged value that is not a code of its kind.</exception>
    public static AcrossRowsProblem FromStaged(int kind, long line, string participantId, long firstLine, string firstValue, string value, string cell)
    {
        var id = ParticipantId.Parse(participantId);
        return kind switch
        {
            2 => Duplicate(line, id, firstLine, new EditionId(ProgrammeId.Parse(firstValue), int.Parse(value, CultureInfo.InvariantCulture))),
            3 => OtherCountry(line, id, firstLine, CountryCode.Parse(firstValue), CountryCode.Parse(value), cell),
            4 => OtherGender(line, id, firstLine, StagedGender(firstValue), StagedGender(value), cell),
            _ => throw new InvalidDataException($"staged problem kind {kind} is not 2, 3 or 4."),
        };
    }

    private static Gender StagedGender(string code) =>
        GenderText.TryParse(code, out var gender) ? gender : throw new InvalidDataException($"staged gender '{code}' is not a gender code.");
}
