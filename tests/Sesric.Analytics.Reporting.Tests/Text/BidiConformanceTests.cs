using System.Diagnostics;
using System.Globalization;

using Sesric.Analytics.Reporting.Text;

using Xunit.Abstractions;

namespace Sesric.Analytics.Reporting.Tests.Text;

/// <summary>
/// Unicode's own conformance tests for UAX #9, run in full: every line of BidiTest.txt (bidi classes, every
/// paragraph direction its bitset names) and of BidiCharacterTest.txt (real code points, with brackets), each
/// checked for the resolved levels and the visual order of rule L2.
/// </summary>
/// <remarks>
/// One test per file rather than one per line: the files hold about 580,000 cases, which xunit would spend
/// minutes enumerating; a single pass parses each file once and runs in about a second. A failure lists the
/// first failing lines with what was expected and what came out, and every run prints the pass rate.
/// </remarks>
public sealed class BidiConformanceTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, BidiClass> ClassNames = Enum.GetValues<BidiClass>().ToDictionary(c => c.ToString(), StringComparer.Ordinal);

    [Fact]
    public void Every_line_of_BidiTest_txt_passes()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var lines = File.ReadAllLines(UnicodeFiles.Path("BidiTest.txt"));
        sbyte[] levels = [];
        int[] order = [];
        var (lineCount, linesPassed, cases, casesPassed) = (0, 0, 0, 0);
        var failures = new List<string>();
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line.StartsWith("@Levels:", StringComparison.Ordinal))
            {
                levels = ParseLevels(line["@Levels:".Length..]);
                continue;
            }
            if (line.StartsWith("@Reorder:", StringComparison.Ordinal))
            {
                order = [.. Tokens(line["@Reorder:".Length..]).Select(int.Parse)];
                continue;
            }
            if (line[0] == '@')
            {
                continue;
            }
            var fields = line.Split(';');
            var classes = Tokens(fields[0]).Select(t => ClassNames[t]).ToArray();
            var bitset = int.Parse(fields[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var linePassed = true;
            lineCount++;
            foreach (var (bit, direction) in new (int, byte?)[] { (1, null), (2, 0), (4, 1) })
            {
                if ((bitset & bit) == 0)
                {
                    continue;
                }
                cases++;
                var paragraph = BidiParagraph.Resolve(classes, new BidiBracketType[classes.Length], new int[classes.Length], direction);
                var problem = Compare(classes, paragraph, levels, order);
                if (problem is null)
                {
                    casesPassed++;
                    continue;
                }
                linePassed = false;
                if (failures.Count < 20)
                {
                    failures.Add($"line {number} ({line}), paragraph {direction?.ToString(CultureInfo.InvariantCulture) ?? "auto"}: {problem}");
                }
            }
            linesPassed += linePassed ? 1 : 0;
        }
        Report("BidiTest.txt", lineCount, linesPassed, cases, casesPassed, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, failures);
    }

    [Fact]
    public void Every_line_of_BidiCharacterTest_txt_passes()
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var lines = File.ReadAllLines(UnicodeFiles.Path("BidiCharacterTest.txt"));
        var (lineCount, linesPassed) = (0, 0);
        var failures = new List<string>();
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            lineCount++;
            var fields = line.Split(';');
            var codepoints = Tokens(fields[0]).Select(t => int.Parse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            var classes = new BidiClass[codepoints.Length];
            var brackets = new BidiBracketType[codepoints.Length];
            var keys = new int[codepoints.Length];
            for (var i = 0; i < codepoints.Length; i++)
            {
                classes[i] = BidiProperties.ClassOf(codepoints[i]);
                brackets[i] = BidiProperties.BracketOf(codepoints[i], out keys[i]);
            }
            byte? direction = fields[1].Trim() switch
            {
                "0" => 0,
                "1" => 1,
                _ => null,
            };
            var paragraph = BidiParagraph.Resolve(classes, brackets, keys, direction);
            var expectedParagraph = byte.Parse(fields[2].Trim(), CultureInfo.InvariantCulture);
            var problem = paragraph.ParagraphLevel != expectedParagraph
                ? $"paragraph level {paragraph.ParagraphLevel}, expected {expectedParagraph}"
                : Compare(classes, paragraph, ParseLevels(fields[3]), [.. Tokens(fields[4]).Select(int.Parse)]);
            if (problem is null)
            {
                linesPassed++;
            }
            else if (failures.Count < 20)
            {
                failures.Add($"line {number} ({line}): {problem}");
            }
        }
        Report("BidiCharacterTest.txt", lineCount, linesPassed, lineCount, linesPassed, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, failures);
    }

    /// <summary>Null when the levels and the visual order match; otherwise what differs.</summary>
    private static string? Compare(BidiClass[] classes, BidiParagraph paragraph, sbyte[] expectedLevels, int[] expectedOrder)
    {
        var levels = paragraph.Levels;
        var visible = new List<int>(classes.Length);
        var same = expectedLevels.Length == classes.Length;
        for (var i = 0; i < classes.Length; i++)
        {
            var removed = BidiParagraph.IsRemovedByX9(classes[i]);
            same &= i < expectedLevels.Length && expectedLevels[i] == (removed ? -1 : levels[i]);
            if (!removed)
            {
                visible.Add(i);
            }
        }
        if (!same)
        {
            var resolved = levels.ToArray();
            var actual = Enumerable.Range(0, classes.Length).Select(i => BidiParagraph.IsRemovedByX9(classes[i]) ? "x" : resolved[i].ToString(CultureInfo.InvariantCulture));
            return $"levels [{string.Join(' ', actual)}], expected [{string.Join(' ', expectedLevels.Select(l => l < 0 ? "x" : l.ToString(CultureInfo.InvariantCulture)))}]";
        }
        var copy = levels.ToArray();
        Bidi.ReverseByLevel(visible, i => copy[i]);
        return visible.SequenceEqual(expectedOrder) ? null : $"order [{string.Join(' ', visible)}], expected [{string.Join(' ', expectedOrder)}]";
    }

    /// <summary>"1 x 2" as levels, −1 for a character rule X9 removes.</summary>
    private static sbyte[] ParseLevels(string text) =>
        [.. Tokens(text).Select(t => t == "x" ? (sbyte)-1 : sbyte.Parse(t, CultureInfo.InvariantCulture))];

    private void Report(string file, int lines, int linesPassed, int cases, int casesPassed, TimeSpan elapsed, TimeSpan cpu, List<string> failures)
    {
        var summary = $"{file}: {linesPassed}/{lines} lines pass ({100.0 * linesPassed / lines:0.000}%), "
            + $"{casesPassed}/{cases} cases, in {elapsed.TotalSeconds:0.00} s ({cpu.TotalSeconds:0.00} s CPU; Unicode {UnicodeBidiData.UnicodeVersion} tables)";
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\nFirst failures:\n" + string.Join('\n', failures));
        Assert.True(lines > 1000, $"{file} has only {lines} test lines: is it the conformance file?");
    }

    private static string[] Tokens(string text) => text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
