using Sesric.Analytics.Cli.Hosting;

using Spectre.Console;

namespace Sesric.Analytics.Cli.Output;

/// <summary>
/// Progress of a job made of counted steps (charts of a report, candidates of a backtest): a live bar on a terminal,
/// plain lines on standard error with <c>--progress always</c>, nothing on a pipe by default.
/// </summary>
internal static class JobProgress
{
    /// <summary>One step done: how many of how many, and what.</summary>
    public readonly record struct Step(int Done, int Total, string Description);

    /// <summary>Runs <paramref name="work"/>, showing the steps it reports according to <paramref name="mode"/>.</summary>
    public static async Task<T> RunAsync<T>(CliConsole console, ProgressMode mode, string title, Func<IProgress<Step>, Task<T>> work)
    {
        var show = mode == ProgressMode.Always || (mode == ProgressMode.Auto && console.IsInteractive);
        if (!show)
        {
            return await work(new Sink(_ => { })).ConfigureAwait(false);
        }
        if (!console.ErrorIsTerminal)
        {
            return await work(new Sink(step =>
            {
                lock (console.Error)
                {
                    console.Error.WriteLine($"{title}: {step.Done}/{step.Total} {step.Description}");
                    console.Error.Flush();
                }
            })).ConfigureAwait(false);
        }
        T result = default!;
        await console.CreateErrorConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                task.IsIndeterminate = true;
                result = await work(new Sink(step =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(1, step.Total);
                    task.Value = step.Done;
                    task.Description = Markup.Escape($"{title}: {step.Description}");
                })).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reports synchronously on the worker's thread.</summary>
    private sealed class Sink(Action<Step> report) : IProgress<Step>
    {
        public void Report(Step value) => report(value);
    }
}
