using System.CommandLine;

using Sesric.Analytics.Cli.Hosting;
using Sesric.Analytics.Import;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Commands;

/// <summary>
/// <c>sesric export participations|editions|member-states|programmes FILE</c>: writes exactly the format
/// <c>sesric import</c> reads, so exporting a store and importing the files into an empty store gives the same statistics.
/// </summary>
public sealed class ExportCommand : Command
{
    /// <summary>Creates the verb and its subcommands.</summary>
    public ExportCommand(CliConsole console)
        : base("export", "Export the store's data as CSV files that 'sesric import' reads back.")
    {
        Add(new ExportTableCommand(console, "participations", "participations, in programme, edition, participant order",
            async (store, writer, ct) =>
            {
                var catalogue = await store.LoadCatalogueAsync(ct).ConfigureAwait(false);
                await ParticipationCsv.WriteAsync(writer, store.ReadParticipationsAsync(catalogue, ct), ct).ConfigureAwait(false);
            }));
        Add(new ExportTableCommand(console, "editions", "editions with their published totals",
            async (store, writer, ct) => EditionCsv.Write(writer, (await store.LoadCatalogueAsync(ct).ConfigureAwait(false)).Editions)));
        Add(new ExportTableCommand(console, "member-states", "member and observer states",
            async (store, writer, ct) => CountryCsv.Write(writer, (await store.LoadCatalogueAsync(ct).ConfigureAwait(false)).Countries)));
        Add(new ExportTableCommand(console, "programmes", "programmes",
            async (store, writer, ct) => ProgrammeCsv.Write(writer, (await store.LoadCatalogueAsync(ct).ConfigureAwait(false)).Programmes)));
    }

    /// <summary>One export subcommand: FILE, or <c>-</c> for standard output.</summary>
    private sealed class ExportTableCommand : BaseCommand
    {
        private readonly Argument<FileInfo> _file = new("file") { Description = "The CSV file to write (replaced whole when done), or - for standard output." };
        private readonly Func<IStoreReader, TextWriter, CancellationToken, Task> _write;

        public ExportTableCommand(CliConsole console, string name, string what, Func<IStoreReader, TextWriter, CancellationToken, Task> write)
            : base(name, $"Export the {what}.", console)
        {
            _write = write;
            Add(_file);
        }

        protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var file = parseResult.GetRequiredValue(_file);
            await using var store = await OpenStoreAsync(parseResult, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetResult(_file)?.Tokens is [{ Value: "-" }])
            {
                await _write(store, Console.Out, cancellationToken).ConfigureAwait(false);
                await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await DataFiles.WriteAtomicallyAsync(file, writer => _write(store, writer, cancellationToken), cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"wrote {file.FullName}");
            return ExitCodes.Success;
        }
    }
}
