using System.Globalization;
using System.Text.RegularExpressions;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Reporting.Specs;

/// <summary>
/// Checks a report against the semantic model's vocabulary and the marks' rules: unknown measures and
/// dimensions, a dimension a mark cannot take, bad filters, duplicate ids. Every problem names its path
/// (<c>pages[1].visuals[3].measure</c>) and the fix.
/// </summary>
public static partial class ReportValidator
{
    /// <summary>The smallest and largest chart side in pixels.</summary>
    public const int MinSide = 200, MaxSide = 4000;

    /// <summary>The problems in <paramref name="report"/>; empty when it is valid.</summary>
    public static IReadOnlyList<SpecProblem> Validate(Report report, ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        var problems = new List<SpecProblem>();
        if (!Theming.Theme.BuiltInNames.Contains(report.Theme))
        {
            problems.Add(new("theme", $"'{report.Theme}' is not a theme; use one of: {string.Join(", ", Theming.Theme.BuiltInNames)}."));
        }
        CheckFilters(report.Filters, "filters", vocabulary, problems);
        if (report.Pages.Count == 0)
        {
            problems.Add(new("pages", "a report needs at least one page."));
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < report.Pages.Count; p++)
        {
            var page = report.Pages[p];
            CheckFilters(page.Filters, $"pages[{p}].filters", vocabulary, problems);
            if (page.Visuals.Count == 0)
            {
                problems.Add(new($"pages[{p}].visuals", "a page needs at least one visual."));
            }
            for (var v = 0; v < page.Visuals.Count; v++)
            {
                var visual = page.Visuals[v];
                var path = $"pages[{p}].visuals[{v}]";
                if (!ids.Add(visual.Id))
                {
                    problems.Add(new($"{path}.id", $"'{visual.Id}' is already the id of another visual; ids name files and must be unique."));
                }
                problems.AddRange(ValidateVisual(visual, path, vocabulary));
            }
        }
        return problems;
    }

    /// <summary>Throws <see cref="SpecException"/> when <paramref name="report"/> has problems.</summary>
    public static Report EnsureValid(Report report, ReportVocabulary? vocabulary = null)
    {
        var problems = Validate(report, vocabulary);
        return problems.Count == 0 ? report : throw new SpecException(problems);
    }

    /// <summary>The problems of one visual, with paths under <paramref name="path"/>.</summary>
    public static IReadOnlyList<SpecProblem> ValidateVisual(Visual visual, string path = "visual", ReportVocabulary? vocabulary = null)
    {
        vocabulary ??= ReportVocabulary.Default;
        var problems = new List<SpecProblem>();
        if (!IdPattern().IsMatch(visual.Id))
        {
            problems.Add(new($"{path}.id", $"'{visual.Id}' is not a visual id; use lower-case letters, digits and hyphens (participants-per-edition)."));
        }
        CheckMeasure(visual.Measure, $"{path}.measure", vocabulary, problems);
        if (visual.Mark == MarkKind.Combo)
        {
            if (visual.LineMeasure is null)
            {
                problems.Add(new($"{path}.lineMeasure", "a combo needs a lineMeasure for its line."));
            }
            else
            {
                CheckMeasure(visual.LineMeasure, $"{path}.lineMeasure", vocabulary, problems);
            }
        }
        else if (visual.LineMeasure is not null)
        {
            problems.Add(new($"{path}.lineMeasure", $"only a combo takes a lineMeasure; a {visual.Mark.Name()} does not."));
        }
        var category = CheckDimension(visual.Category, $"{path}.category", vocabulary, problems);
        var series = CheckDimension(visual.Series, $"{path}.series", vocabulary, problems);
        CheckMarkRules(visual, path, category, series, problems);
        CheckFilters(visual.Filters, $"{path}.filters", vocabulary, problems);
        if (visual.Limit is < 1)
        {
            problems.Add(new($"{path}.limit", $"must be at least 1, was {visual.Limit}."));
        }
        if (visual.Width is < MinSide or > MaxSide)
        {
            problems.Add(new($"{path}.width", $"must be between {MinSide} and {MaxSide} pixels, was {visual.Width}."));
        }
        if (visual.Height is < MinSide or > MaxSide)
        {
            problems.Add(new($"{path}.height", $"must be between {MinSide} and {MaxSide} pixels, was {visual.Height}."));
        }
        if (visual.Forecast && visual.Mark is not (MarkKind.Line or MarkKind.Area))
        {
            problems.Add(new($"{path}.forecast", $"only line and area marks draw a forecast band; a {visual.Mark.Name()} does not."));
        }
        return problems;
    }

    private static void CheckMarkRules(Visual visual, string path, ReportVocabulary.DimensionTerm? category, ReportVocabulary.DimensionTerm? series, List<SpecProblem> problems)
    {
        var mark = visual.Mark.Name();
        switch (visual.Mark)
        {
            case MarkKind.Card:
                if (visual.Category is not null && visual.Category != "year")
                {
                    problems.Add(new($"{path}.category", $"a card compares with the previous year, so its category is year (or left out), not '{visual.Category}'."));
                }
                NoSeries();
                break;
            case MarkKind.Line or MarkKind.Area or MarkKind.Waterfall or MarkKind.SmallMultiples or MarkKind.Combo:
                RequireCategory();
                if (category is { Kind: not DimensionKind.Ordered })
                {
                    problems.Add(new($"{path}.category", $"a {mark} reads along time, so its category must be year or edition, not '{visual.Category}' (use a bar for members)."));
                }
                if (visual.Mark == MarkKind.SmallMultiples && visual.Series is null)
                {
                    problems.Add(new($"{path}.series", "small multiples draw one chart per member of series; name the dimension (oic_group, member_state)."));
                }
                if (visual.Mark is MarkKind.Waterfall or MarkKind.Combo)
                {
                    NoSeries();
                }
                break;
            case MarkKind.Donut:
                RequireCategory();
                if (category is { Kind: DimensionKind.Ordered })
                {
                    problems.Add(new($"{path}.category", $"a donut shows parts of a whole; '{visual.Category}' is ordered in time (use a line or column)."));
                }
                NoSeries();
                break;
            case MarkKind.Heatmap:
                RequireCategory();
                if (visual.Series is null)
                {
                    problems.Add(new($"{path}.series", "a heatmap needs a series dimension for its columns (year)."));
                }
                break;
            case MarkKind.StackedColumn or MarkKind.StackedBar or MarkKind.PercentColumn or MarkKind.PercentBar:
                RequireCategory();
                if (visual.Series is null)
                {
                    problems.Add(new($"{path}.series", $"a {mark} stacks the members of a series dimension; name one (oic_group, gender)."));
                }
                break;
            default:
                RequireCategory();
                break;
        }
        if (visual.Category is not null && visual.Category == visual.Series)
        {
            problems.Add(new($"{path}.series", $"series and category are both '{visual.Series}'; pick two different dimensions."));
        }

        void RequireCategory()
        {
            if (visual.Category is null)
            {
                problems.Add(new($"{path}.category", $"a {mark} needs a category dimension."));
            }
        }

        void NoSeries()
        {
            if (visual.Series is not null)
            {
                problems.Add(new($"{path}.series", $"a {mark} has one series; remove series '{visual.Series}'."));
            }
        }
    }

    private static void CheckMeasure(string name, string path, ReportVocabulary vocabulary, List<SpecProblem> problems)
    {
        if (!vocabulary.TryGetMeasure(name, out _))
        {
            problems.Add(new(path, $"'{name}' is not a measure of the semantic model; use one of: {string.Join(", ", vocabulary.Measures.Keys.Order(StringComparer.Ordinal))}."));
        }
    }

    private static ReportVocabulary.DimensionTerm? CheckDimension(string? name, string path, ReportVocabulary vocabulary, List<SpecProblem> problems)
    {
        if (name is null)
        {
            return null;
        }
        if (vocabulary.Dimensions.TryGetValue(name, out var term))
        {
            return term;
        }
        problems.Add(new(path, $"'{name}' is not a dimension of the semantic model; use one of: {string.Join(", ", vocabulary.Dimensions.Keys.Order(StringComparer.Ordinal))}."));
        return null;
    }

    private static void CheckFilters(IReadOnlyList<FilterSpec> filters, string path, ReportVocabulary vocabulary, List<SpecProblem> problems)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var at = $"{path}[{i}]";
            var term = CheckDimension(f.Dimension, $"{at}.dimension", vocabulary, problems);
            var (min, max) = f.Operator switch
            {
                FilterSpecOperator.Between => (2, 2),
                FilterSpecOperator.In => (1, int.MaxValue),
                _ => (1, 1),
            };
            if (f.Values.Count < min || f.Values.Count > max)
            {
                var want = min == max ? $"{min}" : $"at least {min}";
                problems.Add(new($"{at}.values", $"'{f.Operator.Name()}' takes {want} value(s), found {f.Values.Count}."));
            }
            if (term is null)
            {
                continue;
            }
            if (f.Operator is FilterSpecOperator.Between or FilterSpecOperator.Gte or FilterSpecOperator.Lte && term.Kind != DimensionKind.Ordered)
            {
                problems.Add(new($"{at}.op", $"'{f.Operator.Name()}' needs an ordered dimension (year, edition); '{f.Dimension}' has no order. Use eq or in."));
            }
            if (term.Type == ColumnType.Integer)
            {
                for (var j = 0; j < f.Values.Count; j++)
                {
                    if (!long.TryParse(f.Values[j], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        problems.Add(new($"{at}.values[{j}]", $"'{f.Values[j]}' is not a whole number; {f.Dimension} values are integers (2020)."));
                    }
                }
            }
            if (f.Operator == FilterSpecOperator.Between && f.Values.Count == 2 && term.Type == ColumnType.Integer
                && long.TryParse(f.Values[0], CultureInfo.InvariantCulture, out var from) && long.TryParse(f.Values[1], CultureInfo.InvariantCulture, out var to) && from > to)
            {
                problems.Add(new($"{at}.values", $"the range {from}–{to} is empty; write the smaller value first."));
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
