using Sesric.Analytics.Reporting.Text;

namespace Sesric.Analytics.Reporting.Tests.Text;

/// <summary>The checked-in bidi table is exactly what the Unicode Character Database says.</summary>
public sealed class UnicodeBidiDataTests
{
    [Fact]
    public void The_checked_in_table_is_the_one_generated_from_the_unicode_data()
    {
        var path = RepoFile(UnicodeBidiDataGenerator.TablePath);
        var generated = UnicodeBidiDataGenerator.Generate();
        if (Environment.GetEnvironmentVariable("SESRIC_WRITE_UNICODE_TABLES") == "1")
        {
            File.WriteAllText(path, generated);
        }
        Assert.True(File.ReadAllText(path) == generated,
            $"{UnicodeBidiDataGenerator.TablePath} differs from the table generated from {UnicodeFiles.Directory} "
            + $"(Unicode {UnicodeBidiData.UnicodeVersion} when it was written). Regenerate it: "
            + "SESRIC_WRITE_UNICODE_TABLES=1 dotnet test tests/Sesric.Analytics.Reporting.Tests --filter UnicodeBidiDataTests");
    }

    [Fact]
    public void Every_code_point_has_the_class_the_unicode_data_gives_it()
    {
        var expected = UnicodeBidiDataGenerator.ReadClasses();
        var wrong = Enumerable.Range(0, expected.Length).Where(c => BidiProperties.ClassOf(c) != expected[c]).Take(5).ToList();
        Assert.True(wrong.Count == 0, "wrong classes for " + string.Join(", ", wrong.Select(c => $"U+{c:X4} ({BidiProperties.ClassOf(c)}, expected {expected[c]})")));

        // A few that matter to this library's texts, checked by hand against UnicodeData.txt.
        Assert.Equal(BidiClass.AL, BidiProperties.ClassOf('ب'));
        Assert.Equal(BidiClass.CS, BidiProperties.ClassOf('،'));
        Assert.Equal(BidiClass.AL, BidiProperties.ClassOf('؛'));
        Assert.Equal(BidiClass.ET, BidiProperties.ClassOf('٪'));
        Assert.Equal(BidiClass.AN, BidiProperties.ClassOf('٣'));
        Assert.Equal(BidiClass.CS, BidiProperties.ClassOf('\u202F'));
        Assert.Equal(BidiClass.BN, BidiProperties.ClassOf('\u200D'));
        Assert.Equal(BidiClass.L, BidiProperties.ClassOf('ô'));
    }

    [Fact]
    public void Brackets_pair_with_their_partners_and_canonical_equivalents()
    {
        Assert.Equal(BidiBracketType.Open, BidiProperties.BracketOf('(', out var open));
        Assert.Equal(BidiBracketType.Close, BidiProperties.BracketOf(')', out var close));
        Assert.Equal(open, close);
        Assert.Equal(BidiBracketType.Close, BidiProperties.BracketOf(']', out var square));
        Assert.NotEqual(open, square);
        BidiProperties.BracketOf(0x2329, out var angle);
        BidiProperties.BracketOf(0x3009, out var cjkClose);
        Assert.Equal(angle, cjkClose);
        Assert.Equal(BidiBracketType.None, BidiProperties.BracketOf('a', out _));
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, relative);
    }
}
