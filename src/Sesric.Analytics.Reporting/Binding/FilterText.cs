using System.Text;
using System.Text.RegularExpressions;

namespace Sesric.Analytics.Reporting.Binding;

/// <summary>
/// Reads an AIP-160 filter of the plain shape charts use (comparisons joined by AND, such as
/// <c>programme = "diplomacy-cab" AND year &gt;= 2020</c>) back into filter specs, so a chart drawn from a command line
/// captions its filters as a report's chart does.
/// </summary>
public static partial class FilterText
{
    /// <summary>
    /// The filters of <paramref name="text"/>, or false when it holds anything beyond AND-joined comparisons of a
    /// dimension with a quoted string or an integer (OR, NOT, functions): the caller then shows the text as it is.
    /// </summary>
    public static bool TryParse(string text, out IReadOnlyList<FilterSpec> filters)
    {
        var result = new List<FilterSpec>();
        filters = result;
        var position = 0;
        while (true)
        {
            var m = Comparison().Match(text, position);
            if (!m.Success || m.Index != position)
            {
                return false;
            }
            var value = m.Groups["s"].Success ? Unquote(m.Groups["s"].Value) : m.Groups["n"].Value;
            var dimension = m.Groups["d"].Value;
            result.Add(m.Groups["op"].Value switch
            {
                "=" => FilterSpec.Eq(dimension, value),
                "!=" => new FilterSpec(dimension, FilterSpecOperator.Ne, ValueList.Of(value)),
                ">=" => FilterSpec.Gte(dimension, value),
                _ => FilterSpec.Lte(dimension, value),
            });
            position = m.Index + m.Length;
            if (position == text.Length)
            {
                return true;
            }
            var and = And().Match(text, position);
            if (!and.Success || and.Index != position)
            {
                return false;
            }
            position += and.Length;
        }
    }

    private static string Unquote(string quoted)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length - 1)
            {
                i++;
            }
            sb.Append(quoted[i]);
        }
        return sb.ToString();
    }

    [GeneratedRegex("""\s*(?<d>[a-z_][a-z0-9_]*)\s*(?<op>!=|>=|<=|=)\s*(?:(?<s>"(?:[^"\\]|\\.)*")|(?<n>-?[0-9]+))\s*""")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"AND\b")]
    private static partial Regex And();
}
