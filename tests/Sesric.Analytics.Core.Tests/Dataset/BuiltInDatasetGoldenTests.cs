using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;

namespace Sesric.Analytics.Core.Tests.Dataset;

/// <summary>
/// Pins the synthetic registry byte for byte. It must come out the same on every machine, runtime and
/// culture; a change to the data files, the seed or the generator shows up here and must be deliberate.
/// </summary>
public sealed class BuiltInDatasetGoldenTests
{
    private const string ExpectedSha256 = "fa4d8c3333ebe74bab35f2bd31dae2ba957bf355b279f6e095a2e4ff78c6fe10";

    /// <summary>The registry as pinned before nomination dates were added (schema 8): adding them must not move a row.</summary>
    private const string WithoutNominationsSha256 = "e52f167f0c14640e4bb43c06539a75bcc1cedf04c6ff6a220da967af4a4512ab";

    /// <summary>The registry as pinned before record keys were added (schema 6): the people and their rows must not have moved.</summary>
    private const string WithoutRecordKeysSha256 = "8ab44cd8533b9a192229a829b67741571772117603df40aa19f5bafa9a08b97a";

    [Fact]
    public void The_registry_file_is_byte_identical_to_the_pinned_one()
    {
        var text = new StringWriter();
        ParticipationCsv.Write(text, BuiltInDataset.Load().Participations);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        Assert.Equal(ExpectedSha256, hash);
    }

    [Fact]
    public void Adding_nomination_dates_changed_no_person_no_row_and_no_published_total()
    {
        var text = new StringWriter();
        ParticipationCsv.Write(text, BuiltInDataset.Load().Participations);
        var lines = WithoutLastColumn(text.ToString().Split('\n'));
        Assert.Equal(WithoutNominationsSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)))));
        var data = BuiltInDataset.Load();
        Assert.All(data.Participations, p =>
        {
            var day = Assert.NotNull(p.NominatedOn);
            Assert.True(data.Catalogue.TryGetEdition(p.Edition, out var edition));
            Assert.InRange(edition.ReferenceDate.DayNumber - day.DayNumber, 3, 120);
        });
    }

    [Fact]
    public void Adding_record_keys_changed_no_person_and_no_row()
    {
        var text = new StringWriter();
        ParticipationCsv.Write(text, BuiltInDataset.Load().Participations);
        var lines = WithoutLastColumn(text.ToString().Split('\n'));
        var withoutKeys = string.Join('\n', lines.Select(l => l.Length == 0 ? l : l[..l.LastIndexOf(',')]));
        Assert.All(lines.Skip(1).Where(l => l.Length > 0), l => Assert.True(int.Parse(l[(l.LastIndexOf(',') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 0));
        Assert.Equal(WithoutRecordKeysSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withoutKeys))));
    }

    private static string[] WithoutLastColumn(string[] lines) =>
        lines.Select(l => l.Length == 0 ? l : l[..l.LastIndexOf(',')]).ToArray();

    [Fact]
    public void The_registry_does_not_depend_on_the_current_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            var turkish = new StringWriter();
            ParticipationCsv.Write(turkish, BuiltInDataset.Load().Participations);
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            var arabic = new StringWriter();
            ParticipationCsv.Write(arabic, BuiltInDataset.Load().Participations);
            Assert.Equal(turkish.ToString(), arabic.ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
