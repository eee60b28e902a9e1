using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Commands;

/// <summary><c>sesric model show</c>: every dimension with its traits and every measure, as a table, CSV, TSV or JSON.</summary>
public sealed class ModelShowCommand : BaseCommand
{
    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    public ModelShowCommand(CliConsole console)
        : base("show", "List the model's dimensions (type, time grain, order, disclosure level, valid filter values) and measures (type, format, source; a --model file's measures with their definition).", console)
    {
        Add(_format);
        CommonOptions.AddModelTo(this);
    }

    /// <inheritdoc/>
    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ToListing(CommonOptions.ModelOf(parseResult)).Write(CommonOptions.FormatOf(parseResult, _format, Console), Console);
        return Task.FromResult(ExitCodes.Success);
    }

    internal static Listing ToListing(SemanticModel model) =>
        new(
            [
                new("kind", "Kind"),
                new("name", "Name"),
                new("label", "Label"),
                new("type", "Type"),
                new("format", "Format"),
                new("traits", "Traits"),
                new("values", "Filter values / source"),
            ],
            [
                .. model.Dimensions.Select(d => new object?[]
                {
                    "dimension", d.Name, d.Label.English, Code(d.ColumnType), Code(d.ValueFormat), Traits(d), d.ValueHint,
                }),
                .. model.Measures.Select(m => new object?[]
                {
                    "measure", m.Name, m.Label.English, Code(m.ColumnType), Code(m.ValueFormat), m.IsUserDefined ? "user:" + m.Kind : "",
                    m.IsUserDefined ? m.Expression : m.Source == FactSource.Published ? "published totals" : "registry",
                }),
            ]);

    private static string Traits(DimensionDefinition d)
    {
        var traits = new List<string>();
        if (d.Time is { } grain)
        {
            traits.Add("time:" + Code(grain));
        }
        else if (d.IsOrdered)
        {
            traits.Add("ordered");
        }
        if (d.Members != MemberReference.None)
        {
            traits.Add("names:" + Code(d.Members));
        }
        traits.Add("level:" + Code(d.Level));
        return string.Join(" ", traits);
    }

    private static string Code<T>(T value)
        where T : struct, Enum => System.Text.RegularExpressions.Regex.Replace(value.ToString(), "(?<!^)([A-Z])", "_$1").ToLowerInvariant();
}
