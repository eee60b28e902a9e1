using System.Net;
using System.Net.Sockets;

using Sesric.Analytics.Cli.Tests.Support;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Cli.Tests.Commands;

/// <summary>sesric serve (a real Kestrel host) and every verb's --help.</summary>
public sealed class ServeAndHelpCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Serve_listens_on_the_given_loopback_port_until_cancelled_and_exits_0()
    {
        var port = FreePort();
        using var cancel = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = SesricCli.RunAsync(
            ["serve", "--db", _folder.File("serve.duckdb"), "--dev", "--address", $"http://127.0.0.1:{port}", "--json-address", "", "--metrics-address", ""],
            Hosting.CliConsole.Captured(output, error), cancellationToken: cancel.Token);

        var listening = false;
        for (var i = 0; i < 600 && !run.IsCompleted && !listening; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                listening = true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        cancel.Cancel();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(listening, $"nothing listened on {port}; stopped early: {run.IsCompleted}; {error}");
        Assert.Equal(ExitCodes.Success, code);
    }

    [Fact]
    public async Task Serve_with_a_non_loopback_host_name_exits_1()
    {
        var result = await CliRun.RunAsync("serve", "--db", _folder.File("serve.duckdb"), "--dev", "--address", "http://example.org:5080", "--json-address", "", "--metrics-address", "");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("will not start", result.Error);
    }

    [Fact]
    public async Task Serve_in_plain_text_on_all_interfaces_exits_1_before_the_banner_with_the_reason()
    {
        var result = await CliRun.RunAsync("serve", "--db", _folder.File("serve.duckdb"), "--dev", "--address", "http://0.0.0.0:0", "--json-address", "");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("will not start", result.Error);
        Assert.Contains("plain text on a network address", result.Error);
        Assert.Contains("Sesric:AllowPlaintext=true", result.Error);
        Assert.DoesNotContain("listening on", result.Out);
    }

    [Theory]
    [InlineData("query")]
    [InlineData("chart")]
    [InlineData("report", "annual")]
    [InlineData("forecast")]
    [InlineData("backtest")]
    [InlineData("serve")]
    [InlineData("editions")]
    [InlineData("stats")]
    public async Task Every_verb_has_help_with_an_example(params string[] verb)
    {
        var result = await CliRun.RunAsync([.. verb, "--help"]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        if (verb[0] is not ("editions" or "stats"))
        {
            Assert.Contains("Example:", result.Out);
            Assert.Contains("sesric " + string.Join(' ', verb), result.Out);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
