using Sesric.Analytics.Import;
using Sesric.Analytics.Model;

namespace Sesric.Analytics.Core.Tests.Import;

/// <summary>The sample file the README points to must import cleanly into the built-in catalogue.</summary>
public sealed class SampleFileTests
{
    [Fact]
    public void The_readme_sample_reads_without_problems()
    {
        var path = Path.Combine(RepositoryRoot(), "samples", "participations.csv");
        using var reader = new StreamReader(path);
        var rows = ParticipationCsv.Read(reader, CsvTestData.Catalogue, path).ToList();
        Assert.Equal(9, rows.Count);
        Assert.Contains(rows, r => r.Participant.CountryKind == CountryKind.Observer);
        Assert.Contains(rows, r => r.Status == AttendanceStatus.NoShow);
        Assert.All(rows, r => Assert.False(CsvTestData.Catalogue.Editions.Single(e => e.Id == r.Edition).Published.IsComplete));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesric.Analytics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (with Sesric.Analytics.sln) not found above " + AppContext.BaseDirectory);
    }
}
