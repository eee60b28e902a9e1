using System.Globalization;

namespace Sesric.Analytics.Server.Tests.Telemetry;

/// <summary>
/// A parse of Prometheus' text exposition (and OpenMetrics): each family's TYPE, HELP and UNIT, and every sample
/// with its labels. Strict enough to fail on a malformed line, so that a broken endpoint fails the tests.
/// </summary>
public sealed class PrometheusText
{
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Help { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Units { get; } = new(StringComparer.Ordinal);

    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    /// <summary>The metric names of every sample (histograms give their _bucket, _sum and _count names).</summary>
    public IEnumerable<string> SampleNames => Samples.Select(s => s.Name).Distinct(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line == "# EOF")
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 4)
                {
                    var target = parts[1] switch { "TYPE" => result.Types, "HELP" => result.Help, "UNIT" => result.Units, _ => null };
                    target?.Add(parts[2], parts[3]);
                }
                continue;
            }
            result.Samples.Add(ParseSample(line));
        }
        return result;
    }

    /// <summary>The value of the one sample named <paramref name="name"/> with (at least) <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Key, string Value)[] labels) =>
        Assert.Single(Samples, s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Value;

    private static (string, Dictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{');
        string name;
        string rest;
        if (brace >= 0)
        {
            name = line[..brace];
            var close = line.IndexOf('}', brace);
            Assert.True(close > brace, $"unclosed labels in '{line}'");
            foreach (var pair in SplitLabels(line[(brace + 1)..close]))
            {
                var eq = pair.IndexOf('=');
                Assert.True(eq > 0 && pair[eq + 1] == '"' && pair[^1] == '"', $"bad label '{pair}' in '{line}'");
                labels[pair[..eq]] = pair[(eq + 2)..^1];
            }
            rest = line[(close + 1)..].Trim();
        }
        else
        {
            var space = line.IndexOf(' ');
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }
        Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", name);
        var value = rest.Split(' ')[0];
        var parsed = value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return (name, labels, parsed);
    }

    private static IEnumerable<string> SplitLabels(string labels)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == '"' && (i == 0 || labels[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (labels[i] == ',' && !quoted)
            {
                yield return labels[start..i];
                start = i + 1;
            }
        }
        if (start < labels.Length)
        {
            yield return labels[start..];
        }
    }
}
