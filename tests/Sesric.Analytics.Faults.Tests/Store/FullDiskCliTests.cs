using System.Text;

using Sesric.Analytics.Faults.Tests.Support;

namespace Sesric.Analytics.Faults.Tests.Store;

[Trait("Category", "Fault")]
public sealed class FullDiskCliTests
{
    [RootFact]
    public async Task An_import_into_a_store_on_a_full_disk_says_the_disk_is_full_without_a_stack_trace()
    {
        using var disk = Tmpfs.Mount(megabytes: 20);
        var db = Path.Combine(disk.Path, "analytics.duckdb");
        var created = await Child.SesricAsync("editions", "--db", db, "--format", "csv");
        Assert.True(created.ExitCode == 0, created.ToString());
        var csv = new StringBuilder("programme,edition,participant_id,country_iso3,gender,institution_type,attendance,synthetic\n");
        for (var i = 0; i < 100_000; i++)
        {
            csv.Append("diplomacy-cab,6,fill-").Append(i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append(",TUR,female,mfa,attended,true\n");
        }
        var file = Path.Combine(Path.GetTempPath(), $"sesric-fill-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        try
        {
            disk.Fill(leaveBytes: 64 * 1024);

            var import = await Child.SesricAsync("import", "participations", file, "--db", db);

            Assert.NotEqual(0, import.ExitCode);
            Assert.Contains("is full", import.Error, StringComparison.Ordinal);
            Assert.Contains(disk.Path, import.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", import.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", import.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
