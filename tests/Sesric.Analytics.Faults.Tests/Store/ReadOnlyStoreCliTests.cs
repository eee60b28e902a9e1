using Sesric.Analytics.Faults.Tests.Support;

namespace Sesric.Analytics.Faults.Tests.Store;

/// <summary>A store on a read-only mount: the reading verbs work; a write fails naming the file and the read-only folder, without a stack.</summary>
[Trait("Category", "Fault")]
public sealed class ReadOnlyStoreCliTests
{
    [RootFact]
    public async Task Reading_verbs_read_a_store_on_a_read_only_mount_and_an_import_says_the_folder_is_read_only()
    {
        using var disk = Tmpfs.Mount(megabytes: 20);
        var db = Path.Combine(disk.Path, "analytics.duckdb");
        var created = await Child.SesricAsync("editions", "--db", db, "--format", "csv");
        Assert.True(created.ExitCode == 0, created.ToString());
        disk.SetReadOnly(true);

        var editions = await Child.SesricAsync("editions", "--db", db, "--format", "csv");
        Assert.True(editions.ExitCode == 0, editions.ToString());
        Assert.Equal(created.Out, editions.Out);
        var query = await Child.SesricAsync("query", "--measure", "participants", "--by", "year", "--db", db, "--format", "csv");
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Contains("2020,", query.Out, StringComparison.Ordinal);

        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "participations.csv");
        var file = File.Exists(samples) ? samples : WriteRows();
        var import = await Child.SesricAsync("import", "participations", file, "--db", db);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains(db, import.Error, StringComparison.Ordinal);
        Assert.Contains("read-only", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", import.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", import.Error, StringComparison.Ordinal);
    }

    private static string WriteRows()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sesric-ro-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic\ndiplomacy-cab,6,ro-1,TUR,female,mfa,attended,true\n");
        return file;
    }
}
