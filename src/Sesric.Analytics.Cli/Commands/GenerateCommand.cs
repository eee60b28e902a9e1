using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Cli.Output;
using Sesric.Analytics.Dataset;
using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric generate --participations N --seed S --out DIR</c>: a deterministic synthetic dataset for
/// benchmarks and tests, as CSV files that <c>sesric import</c> reads (programmes.csv, editions.csv,
/// member-states.csv, participations.csv). Needs no store.
/// </summary>
public sealed class GenerateCommand : BaseCommand
{
    private readonly Option<long> _participations = new("--participations", "-n")
    {
        Description = "How many participation rows to generate.",
        Required = true,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "The seed: the same seed and sizes give byte-identical files.",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<DirectoryInfo> _out = new("--out", "-o")
    {
        Description = "The folder to write the CSV files into (created if missing).",
        Required = true,
    };

    private readonly Option<int> _programmes = new("--programmes")
    {
        Description = "How many synthetic programmes.",
        DefaultValueFactory = _ => 25,
    };

    private readonly Option<int> _editionsPerProgramme = new("--editions-per-programme")
    {
        Description = "Editions of each programme, one a year.",
        DefaultValueFactory = _ => 15,
    };

    /// <summary>Creates the verb.</summary>
    public GenerateCommand(CliConsole console)
        : base("generate", "Write a deterministic synthetic dataset (programmes, editions, member states, participations) as CSV.", console)
    {
        Add(_participations);
        Add(_seed);
        Add(_out);
        Add(_programmes);
        Add(_editionsPerProgramme);
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = new ScaleOptions(
            parseResult.GetValue(_participations),
            parseResult.GetValue(_seed),
            parseResult.GetValue(_programmes),
            parseResult.GetValue(_editionsPerProgramme));
        var folder = parseResult.GetRequiredValue(_out);
        var dataset = ScaleGenerator.Generate(options);

        await Write(folder, "programmes.csv", w => ProgrammeCsv.Write(w, dataset.Catalogue.Programmes), cancellationToken).ConfigureAwait(false);
        await Write(folder, "editions.csv", w => EditionCsv.Write(w, dataset.Catalogue.Editions), cancellationToken).ConfigureAwait(false);
        await Write(folder, "member-states.csv", w => CountryCsv.Write(w, dataset.Catalogue.Countries), cancellationToken).ConfigureAwait(false);
        var written = await RowProgress.RunAsync(
            Console,
            parseResult.GetValue(CommonOptions.Progress),
            "generating participations.csv",
            null,
            async progress =>
            {
                long count = 0;
                await DataFiles.WriteAtomicallyAsync(
                    new FileInfo(Path.Combine(folder.FullName, "participations.csv")),
                    writer =>
                    {
                        ParticipationCsv.Write(writer, Counted(dataset.Participations, progress, cancellationToken, n => count = n));
                        return Task.CompletedTask;
                    },
                    cancellationToken).ConfigureAwait(false);
                return count;
            }).ConfigureAwait(false);

        Console.Out.WriteLine(
            $"{folder.FullName}: {dataset.Catalogue.Programmes.Count} programmes, {dataset.Catalogue.Editions.Count} editions, "
            + $"{dataset.Catalogue.Countries.Count} member and observer states, {written} participations (seed {options.Seed})");
        return ExitCodes.Success;
    }

    private static Task Write(DirectoryInfo folder, string name, Action<TextWriter> write, CancellationToken cancellationToken) =>
        DataFiles.WriteAtomicallyAsync(
            new FileInfo(Path.Combine(folder.FullName, name)),
            writer =>
            {
                write(writer);
                return Task.CompletedTask;
            },
            cancellationToken);

    private static IEnumerable<Participation> Counted(IEnumerable<Participation> rows, IProgress<long> progress, CancellationToken cancellationToken, Action<long> done)
    {
        long count = 0;
        foreach (var row in rows)
        {
            yield return row;
            if (++count % 50_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.Report(count);
            }
        }
        progress.Report(count);
        done(count);
    }
}
