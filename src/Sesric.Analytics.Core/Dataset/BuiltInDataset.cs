using System.Text;

using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Dataset;

/// <summary>
/// The dataset that ships with the library: SESRIC programmes and their editions with the totals read in
/// public sources, the 57 OIC member states and the 5 observer states (embedded CSV files under
/// <c>Dataset/Data</c>, each row with its source address and provenance notes), and a synthetic participant
/// registry that reproduces every published total exactly.
/// </summary>
/// <remarks>
/// <para>Published figures are copied, never changed. Where a source gives no figure the edition's total stays
/// null and the registry has no rows for it (Diplomacy-CaB 2018 and 2019, OIC-StatCom 2012, 2018 and 2024).</para>
/// <para>Every registry record has <see cref="Participation.IsSynthetic"/> set: no source lists individual
/// participants, so who attended, from which member state and of which gender is generated, deterministically
/// (fixed <see cref="Seed"/>), to match the published participants and member states of each edition.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class BuiltInDataset
{
    /// <summary>The seed of the synthetic registry. Changing it changes every generated record.</summary>
    public const ulong Seed = 20200914;

    private const string ResourcePrefix = "Sesric.Analytics.Dataset.";

    private BuiltInDataset(Catalogue catalogue, IReadOnlyList<Participation> participations)
    {
        Catalogue = catalogue;
        Participations = participations;
    }

    /// <summary>Programmes, editions (with published totals) and member and observer states.</summary>
    public Catalogue Catalogue { get; }

    /// <summary>The synthetic participant registry, ordered by edition then participant id.</summary>
    public IReadOnlyList<Participation> Participations { get; }

    /// <summary>Loads the embedded files and generates the registry. Same result on every call and machine.</summary>
    public static BuiltInDataset Load()
    {
        var catalogue = LoadCatalogue();
        return new BuiltInDataset(catalogue, SyntheticRegistry.Generate(catalogue, Seed));
    }

    /// <summary>Loads only the catalogue (no registry): the reference data for imports and generators.</summary>
    public static Catalogue LoadCatalogue()
    {
        var programmes = ReadResource("programmes.csv", ProgrammeCsv.Read);
        var countries = ReadResource("countries.csv", CountryCsv.Read);
        var withoutEditions = new Catalogue(programmes, [], countries);
        var editions = ReadResource("editions.csv", reader => EditionCsv.Read(reader, withoutEditions));
        return new Catalogue(programmes, editions, countries);
    }

    /// <summary>The raw text of an embedded data file (<c>programmes.csv</c>, <c>editions.csv</c>, <c>countries.csv</c>).</summary>
    public static string ReadDataFile(string fileName)
    {
        using var stream = typeof(BuiltInDataset).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new ArgumentException($"no embedded data file '{fileName}'; the files are programmes.csv, editions.csv and countries.csv.", nameof(fileName));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static T ReadResource<T>(string fileName, Func<TextReader, T> read)
    {
        try
        {
            using var reader = new StringReader(ReadDataFile(fileName));
            return read(reader);
        }
        catch (ImportRejectedException e)
        {
            throw new InvalidOperationException($"the embedded data file {fileName} is invalid (a build defect): {e.Message}", e);
        }
    }
}
