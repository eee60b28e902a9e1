using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>A client that gives up during a streamed import is CANCELLED or DEADLINE_EXCEEDED in the server's log, not an unexpected failure.</summary>
public sealed class ImportCancellationTests : IAsyncLifetime
{
    private static readonly Metadata Admin = TestKeys.Headers(TestKeys.Admin);
    private readonly LogCapture _log = new();
    private ServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartKestrelAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(_log));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_deadline_passing_mid_import_is_logged_as_deadline_exceeded_and_writes_nothing()
    {
        using var call = _host.Ingest.ImportParticipations(Admin, deadline: DateTime.UtcNow.AddMilliseconds(1500));
        await call.RequestStream.WriteAsync(new ImportParticipationsRequest { Rows = { new ParticipationRow { ParticipantId = "late-1", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/6" } } });

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        var line = await ServerLineAsync("ImportParticipations");
        Assert.Contains("DeadlineExceeded", line, StringComparison.Ordinal);
        Assert.DoesNotContain("failed unexpectedly", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_cancelling_mid_import_is_logged_as_cancelled()
    {
        using var cts = new CancellationTokenSource();
        using var call = _host.Ingest.ImportParticipations(Admin, cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(new ImportParticipationsRequest { Rows = { new ParticipationRow { ParticipantId = "gone-1", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/6" } } });
        await Task.Delay(300);

        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        var line = await ServerLineAsync("ImportParticipations");
        Assert.Contains("Cancelled", line, StringComparison.Ordinal);
        Assert.DoesNotContain("failed unexpectedly", _log.Text, StringComparison.Ordinal);
    }

    private async Task<string> ServerLineAsync(string method)
    {
        for (var i = 0; i < 100; i++)
        {
            if (_log.Text.Split('\n').FirstOrDefault(l => l.Contains(method, StringComparison.Ordinal) && l.Contains("CallLoggingInterceptor", StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server logged no line for {method}:\n{_log.Text}");
    }
}
