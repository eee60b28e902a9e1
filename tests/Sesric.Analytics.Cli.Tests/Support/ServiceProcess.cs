using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Sesric.Analytics.Cli.Tests.Support;

/// <summary>
/// The real gRPC service (<c>Sesric.Analytics.Server.dll</c> from the test's build output, what
/// <c>dotnet run --project src/Sesric.Analytics.Server</c> runs) as a child process on free loopback ports
/// (port 0, read back from its start banner). Disposing kills it by its process id.
/// </summary>
public sealed partial class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<(string Grpc, string Json)> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _grpcAddress;

    private ServiceProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The gRPC address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string GrpcAddress { get; private set; } = "";

    /// <summary>The JSON (HTTP/1.1) address.</summary>
    public string JsonAddress { get; private set; } = "";

    /// <summary>Everything the service printed so far (standard output and error).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the service on a new store at <paramref name="databasePath"/> with <paramref name="environment"/>
    /// added, and returns once it listens and its health check answers SERVING (store open and seeded).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string databasePath, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "Sesric.Analytics.Server.dll");
        Assert.True(File.Exists(server), $"{server} is missing: the test project should carry the server's build output through its reference to src/Sesric.Analytics.Server.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { server, "--address", "http://127.0.0.1:0", "--json-address", "http://127.0.0.1:0", "--metrics-address", "http://127.0.0.1:0", "--db", databasePath })
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var service = new ServiceProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        try
        {
            await service.WaitUntilServingAsync(timeout);
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("the service exited before it listened"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            (GrpcAddress, JsonAddress) = await _listening.Task.WaitAsync(deadline.Token);
            using var channel = GrpcChannel.ForAddress(GrpcAddress);
            var health = new Health.HealthClient(channel);
            while (true)
            {
                var answer = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: deadline.Token);
                if (answer.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or Grpc.Core.RpcException)
        {
            throw new InvalidOperationException($"the service did not become ready ({e.Message}); it printed:\n{Log}", e);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
        if (GrpcBanner().Match(line) is { Success: true } grpc)
        {
            _grpcAddress = grpc.Groups[1].Value;
        }
        else if (JsonBanner().Match(line) is { Success: true } json && _grpcAddress is not null)
        {
            _listening.TrySetResult((_grpcAddress, json.Groups[1].Value));
        }
    }

    /// <summary>Kills the service (and anything it started) by its process id.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"gRPC service listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex GrpcBanner();

    [GeneratedRegex(@"^JSON \(HTTP/1\.1\) on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex JsonBanner();
}
