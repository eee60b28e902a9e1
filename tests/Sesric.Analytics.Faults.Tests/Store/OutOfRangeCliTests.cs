using Sesric.Analytics.Faults.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Faults.Tests.Store;

[Trait("Category", "Fault")]
public sealed class OutOfRangeCliTests
{
    [Fact]
    public async Task A_year_beyond_32_bits_is_a_user_error_naming_the_field_and_value_in_the_cli()
    {
        using var folder = new TempFolder("faults");

        var run = await Child.SesricAsync("query", "--db", folder.File("analytics.duckdb"), "-m", "participants", "--filter", "year = 2147483648");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("2147483648", run.Error, StringComparison.Ordinal);
        Assert.Contains("year", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }
}
