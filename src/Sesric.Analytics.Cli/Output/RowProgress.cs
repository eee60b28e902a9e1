using System.Diagnostics;
using System.Globalization;

using Sesric.Analytics.Cli.Hosting;

using Spectre.Console;

namespace Sesric.Analytics.Cli.Output;

/// <summary>
/// Shows how many rows a long command has handled and how fast: a live bar on a terminal, plain lines on
/// standard error when asked with <c>--progress always</c>, and nothing on a pipe by default.
/// </summary>
internal static class RowProgress
{
    /// <summary>Runs <paramref name="work"/>, giving it a progress sink that displays according to <paramref name="mode"/>.</summary>
    /// <param name="console">Where to draw (standard error).</param>
    /// <param name="mode">When to draw.</param>
    /// <param name="title">What is being done, such as "importing big.csv".</param>
    /// <param name="fraction">How far through the input the work is (0–1), when that is known.</param>
    /// <param name="work">The work; it reports rows handled so far.</param>
    public static async Task<T> RunAsync<T>(CliConsole console, ProgressMode mode, string title, Func<double>? fraction, Func<IProgress<long>, Task<T>> work)
    {
        var show = mode == ProgressMode.Always || (mode == ProgressMode.Auto && console.IsInteractive);
        if (!show)
        {
            return await work(new Sink(_ => { })).ConfigureAwait(false);
        }
        var clock = Stopwatch.StartNew();
        if (!console.ErrorIsTerminal)
        {
            var lines = new Sink(rows =>
            {
                lock (console.Error)
                {
                    console.Error.WriteLine($"{title}: {Describe(rows, clock.Elapsed)}");
                    console.Error.Flush();
                }
            });
            return await work(lines).ConfigureAwait(false);
        }
        T result = default!;
        await console.CreateErrorConsole().Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                task.IsIndeterminate = fraction is null;
                var live = new Sink(rows =>
                {
                    task.Description = Markup.Escape($"{title}: {Describe(rows, clock.Elapsed)}");
                    if (fraction is not null)
                    {
                        task.Value = Math.Clamp(fraction(), 0, 1);
                    }
                });
                result = await work(live).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>"1,234,567 rows, 98,765 rows/s".</summary>
    public static string Describe(long rows, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows, {rate:N0} rows/s");
    }

    /// <summary>Reports synchronously on the worker's thread (Progress&lt;T&gt; would post late and out of order).</summary>
    private sealed class Sink(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
