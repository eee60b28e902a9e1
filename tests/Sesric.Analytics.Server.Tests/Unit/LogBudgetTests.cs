using System.Diagnostics;

using Sesric.Analytics.Api.Observability;

namespace Sesric.Analytics.Server.Tests.Unit;

public sealed class LogBudgetTests
{
    [Fact]
    public void A_window_allows_its_lines_then_the_next_window_says_how_many_were_left_out()
    {
        long now = 0;
        var budget = new LogBudget(linesPerWindow: 3, window: TimeSpan.FromSeconds(10), clock: () => now);

        var first = Enumerable.Range(0, 10).Select(_ => budget.TryTake(out long _)).ToArray();
        now += 10 * Stopwatch.Frequency;
        var reopened = budget.TryTake(out var suppressed);

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], first);
        Assert.True(reopened);
        Assert.Equal(7, suppressed);
        Assert.True(budget.TryTake(out var none));
        Assert.Equal(0, none);
    }
}
