using Sesric.Analytics.Querying;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// The semantic engine's statements run read-only and without JIT compilation (which cost the 1M-row group-bys more
/// than it returned), set for their own transaction only (SET LOCAL), so the server's default stays as it was.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ReadSettingsTests
{
    [Fact]
    public async Task A_read_statement_runs_read_only_and_without_jit()
    {
        var address = PostgresCluster.Shared.CreateUniqueDatabase("reads");
        var database = address[(address.LastIndexOf('/') + 1)..];
        await using var store = await PostgresAnalyticsStore.OpenAsync(address);
        var serverDefault = PostgresCluster.Shared.Psql("SELECT current_setting('jit')", database).Trim();
        Assert.Equal("on", serverDefault);

        for (var i = 0; i < 2; i++)
        {
            // Twice: the second read takes the pooled connection the first one used.
            var rows = await store.QueryAsync(SqlStatement.Of("SELECT current_setting('jit') AS jit, current_setting('transaction_read_only') AS read_only"));
            Assert.Equal("off", rows.Rows[0][0]);
            Assert.Equal("on", rows.Rows[0][1]);
        }
    }
}
