using Microsoft.Extensions.Options;

using Sesric.Analytics.Api.Configuration;

namespace Sesric.Analytics.Api.Security;

/// <summary>
/// Checks the key file every <see cref="SesricOptions.KeyFileReloadSeconds"/> and reloads it when its bytes changed.
/// </summary>
/// <remarks>A periodic check, not a file-system watcher: watchers miss the rename that replaces the file on some
/// file systems (network and container mounts), and reading a file of a few keys every few seconds costs nothing.</remarks>
public sealed class KeyFileReloader(ApiKeySource keys, IOptions<SesricOptions> options, TimeProvider time) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.KeyFile))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.KeyFileReloadSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                keys.ReloadIfChanged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
