using System.CommandLine;
using System.Globalization;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Semantic;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric query</c>: measures by dimensions under a filter, computed by the semantic engine with disclosure
/// control. Example: <c>sesric query --measure participants --measure member_states --by year --filter 'programme = "diplomacy-cab" AND year = 2020'</c>.
/// </summary>
public sealed class QueryCommand : BaseCommand
{
    /// <summary>The example shown in <c>--help</c> (and run by the tests).</summary>
    public const string Example = "sesric query --measure participants --measure member_states --by year --filter 'programme = \"diplomacy-cab\" AND year = 2020'";

    private readonly Option<string[]> _measures;

    private readonly Option<string[]> _by;

    private readonly Option<string?> _filter = new("--filter")
    {
        Description = "An AIP-160 filter, such as 'programme = \"diplomacy-cab\" AND year >= 2020 AND NOT oic_group = \"Arab Group\"'.",
    };

    private readonly Option<string?> _orderBy = new("--order-by")
    {
        Description = "Order of rows, such as 'year desc, participants' (default: dimensions ascending).",
    };

    private readonly Option<int?> _limit = new("--limit")
    {
        Description = "The most rows to print.",
    };

    private readonly Option<int> _offset = new("--offset")
    {
        Description = "Rows to skip before the first printed.",
    };

    private readonly Option<string> _policy = new("--policy")
    {
        Description = "Disclosure policy: public (counts of people protected by the cell key method: small counts never shown as 1 or 2, the same cell always the same value; filters below the whole edition only field = value joined by AND) or internal (exact values).",
        DefaultValueFactory = _ => "public",
    };

    private readonly Option<OutputFormat?> _format = CommonOptions.CreateFormat();

    /// <summary>Creates the verb.</summary>
    /// <param name="console">Where the verb writes.</param>
    /// <param name="model">
    /// The model whose measures and dimensions <c>--help</c> lists: the built-in one unless <c>--model</c> was given with
    /// <c>--help</c> (see <see cref="SesricCli.RunAsync"/>), so the help lists a model file's measures too.
    /// </param>
    public QueryCommand(CliConsole console, SemanticModel? model = null)
        : base("query", $"Compute measures by dimensions with the semantic engine (public disclosure control by default).\n\nExample:\n  {Example}", console)
    {
        _measures = new("--measure", "-m")
        {
            Description = MeasureHelp(model ?? SemanticModel.Default),
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        _by = new("--by", "-b")
        {
            Description = $"A dimension to group by (repeat, or separate with commas): {(model ?? SemanticModel.Default).DimensionNames}.",
        };
        _policy.AcceptOnlyFromAmong("public", "internal");
        Add(_measures);
        Add(_by);
        Add(_filter);
        Add(_orderBy);
        Add(_limit);
        Add(_offset);
        Add(_policy);
        Add(_format);
        CommonOptions.AddModelTo(this);
    }

    /// <summary>The <c>--measure</c> help: <paramref name="model"/>'s measures (a model file's marked as such) and the time-intelligence forms.</summary>
    internal static string MeasureHelp(SemanticModel model)
    {
        var builtIn = model.Measures.Where(m => !m.IsUserDefined).Select(m => m.Name);
        var user = model.Measures.Where(m => m.IsUserDefined).Select(m => m.Name).ToArray();
        var functions = string.Join(", ", SemanticModel.TimeIntelligenceFunctions.Select(f => f + "(M)"));
        return user.Length == 0
            ? $"A measure to compute (repeat, or separate with commas): {string.Join(", ", builtIn)}, {functions}, or one a --model file defines (sesric query --help --model FILE lists them; so does sesric model show --model FILE)."
            : $"A measure to compute (repeat, or separate with commas): {string.Join(", ", builtIn)}; from the --model file: {string.Join(", ", user)}; and {functions}.";
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = BuildQuery(parseResult);
        var model = CommonOptions.ModelOf(parseResult);
        await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var table = await new QueryEngine(store, model).ExecuteAsync(query, cancellationToken).ConfigureAwait(false);
        var format = CommonOptions.FormatOf(parseResult, _format, Console);
        ResultListing.From(table, format).Write(format, Console);
        if (format.IsForPeople())
        {
            var m = table.Metadata;
            var note = string.Create(CultureInfo.InvariantCulture, $"{table.Rows.Count} of {m.TotalRows} row(s); policy {m.Policy}");
            if (m.PerturbationTable is { } version)
            {
                note += string.Create(CultureInfo.InvariantCulture, $" ({version}: counts of people below the whole edition are perturbed)");
            }
            if (m.SuppressedCells > 0)
            {
                note += string.Create(CultureInfo.InvariantCulture, $"; {m.SuppressedCells} cell(s) withheld, shown as {SuppressedCell.TableMark}");
            }
            if (m.SyntheticShare is > 0 and var share)
            {
                note += string.Create(CultureInfo.InvariantCulture, $"; {share:P1} of the records behind these figures are synthetic");
            }
            Console.Error.WriteLine(note);
            Console.Error.Flush();
        }
        return ExitCodes.Success;
    }

    private SemanticQuery BuildQuery(ParseResult parseResult)
    {
        var policyName = parseResult.GetValue(_policy) ?? "public";
        var policy = policyName == "internal" ? DisclosurePolicy.Internal : DisclosurePolicy.PublicDefault;
        var limit = parseResult.GetValue(_limit);
        return SemanticQuery.FromOptions(
            parseResult.GetValue(_measures) ?? [],
            parseResult.GetValue(_by) ?? [],
            parseResult.GetValue(_filter),
            parseResult.GetValue(_orderBy),
            limit,
            parseResult.GetValue(_offset)).WithPolicy(policy);
    }
}
