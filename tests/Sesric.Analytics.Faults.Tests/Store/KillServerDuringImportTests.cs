using System.Diagnostics;
using System.Globalization;

using Grpc.Core;
using Grpc.Net.Client;

using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Faults.Tests.Support;
using Sesric.Analytics.Storage.DuckDb;
using Sesric.Analytics.Testing;

using Xunit.Abstractions;

namespace Sesric.Analytics.Faults.Tests.Store;

/// <summary>
/// kill -9 of the server at different moments of a streamed <c>ImportParticipations</c>: afterwards the store opens,
/// passes its check, and holds either none or all of the stream's rows, with one fact row per participation; and an
/// import the server acknowledged is never lost.
/// </summary>
[Trait("Category", "Fault")]
public sealed class KillServerDuringImportTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 40_000;
    private const int RowsPerMessage = 1_000;
    private const int Messages = Rows / RowsPerMessage;
    private const string Key = "kill-server-admin-key-0001";
    private readonly TempFolder _folder = new("kill-server");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_killed_server_import_leaves_all_or_none_of_its_rows_and_keeps_what_it_acknowledged()
    {
        var seeded = _folder.File("seeded.duckdb");
        await Stores.CreateSeededAsync(seeded);
        long before;
        await using (var store = await DuckDbAnalyticsStore.OpenAsync(seeded))
        {
            before = await store.CountParticipationsAsync();
        }

        // Kill points anchored to the stream rather than the clock (the import's speed varies with the machine's load):
        // while rows arrive, then at delays after the last row, when the server stages and commits; the last lets it finish.
        var outcomes = new List<string>();
        foreach (var point in new KillPoint[]
        {
            new(AfterMessage: 1, DelayMs: 0), new(AfterMessage: 20, DelayMs: 0), new(AfterMessage: Messages, DelayMs: 0),
            new(Messages, 150), new(Messages, 400), new(Messages, 800), new(Messages, 1500), new(Messages, 2500), new(Messages, 4000),
            new(Messages, 6000), new(Messages, 9000), new(Messages, Timeout.Infinite),
        })
        {
            outcomes.Add(await TrialAsync(before, point));
        }
        var report = string.Join("\n", outcomes);
        output.WriteLine(report);
        Assert.True(outcomes.Any(o => o.Contains("killed") && o.EndsWith("none", StringComparison.Ordinal)), report);
    }

    /// <summary>Where a trial kills the server: <paramref name="DelayMs"/> after the client sent message <paramref name="AfterMessage"/> (of <see cref="Messages"/>).</summary>
    private sealed record KillPoint(int AfterMessage, int DelayMs)
    {
        public override string ToString() => DelayMs == Timeout.Infinite ? "no kill" : $"{DelayMs} ms after message {AfterMessage}";
    }

    /// <summary>One trial on a fresh copy of the seeded store: import, kill at <paramref name="point"/>, check the store.</summary>
    private async Task<string> TrialAsync(long before, KillPoint point)
    {
        var db = _folder.File($"trial-{point.AfterMessage}-{point.DelayMs}.duckdb");
        File.Copy(_folder.File("seeded.duckdb"), db);
        var (killed, acknowledged) = await ImportAndKillAsync(db, point);

        await using var store = await DuckDbAnalyticsStore.OpenAsync(db);
        var after = await store.CountParticipationsAsync();
        var facts = (long)(await store.QueryAsync(new Querying.SqlStatement("SELECT COUNT(*) AS n FROM participation_fact", []))).ColumnData[0].GetValue(0)!;
        Assert.True(after == before || after == before + Rows, $"a kill {point} left {after - before} of {Rows} rows");
        Assert.Equal(after, facts);
        if (acknowledged)
        {
            Assert.True(after == before + Rows, $"the server acknowledged the import, then was killed ({point}), and its rows are gone");
        }
        var outcome = $"{point}: {(killed ? "killed" : "finished")}, {(acknowledged ? "acknowledged" : "not acknowledged")}, {(after == before ? "none" : "all")}";
        if (point.DelayMs == Timeout.Infinite)
        {
            Assert.Equal("no kill: finished, acknowledged, all", outcome);
        }
        return outcome;
    }

    /// <summary>
    /// Starts the server on <paramref name="db"/>, streams the rows, and kills the server (SIGKILL) at <paramref name="point"/> unless the
    /// call finished first; stops a server that is still running at the end. Returns whether it was killed and whether the call answered OK.
    /// </summary>
    private static async Task<(bool Killed, bool Acknowledged)> ImportAndKillAsync(string db, KillPoint point)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sesric.Analytics.Server.dll"));
        foreach (var a in new[] { "--db", db, "--address", "http://127.0.0.1:0", "--json-address", "http://127.0.0.1:0", "--metrics-address", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Sesric__ApiKeys__0__Name"] = "admin";
        start.Environment["Sesric__ApiKeys__0__Sha256"] = ApiKeyRegistry.Hash(Key);
        start.Environment["Sesric__ApiKeys__0__Role"] = "Admin";
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            var address = await ReadAddressAsync(process);
            using var channel = GrpcChannel.ForAddress(address);
            var client = new IngestService.IngestServiceClient(channel);
            var headers = new Metadata { { ApiKeyAuthInterceptor.Header, Key } };

            var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var import = StreamAsync(client, headers, point.AfterMessage, sent);
            await Task.WhenAny(import, sent.Task);
            var finished = await Task.WhenAny(import, Task.Delay(point.DelayMs));
            if (finished == import)
            {
                return (false, await import);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            // The call fails once its server is gone; an answer that arrived just before the kill counts as acknowledged.
            return (true, await import);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Sends the rows; true when the server answered OK.</summary>
    private static async Task<bool> StreamAsync(IngestService.IngestServiceClient client, Metadata headers, int signalAfter, TaskCompletionSource signal)
    {
        try
        {
            using var call = client.ImportParticipations(headers, deadline: DateTime.UtcNow.AddMinutes(2));
            for (var sent = 0; sent < Rows; sent += RowsPerMessage)
            {
                var message = new ImportParticipationsRequest { RequestId = sent == 0 ? "kill-server-import" : "" };
                for (var i = sent; i < sent + RowsPerMessage; i++)
                {
                    message.Rows.Add(new ParticipationRow
                    {
                        ParticipantId = "kill-" + i.ToString("D7", CultureInfo.InvariantCulture),
                        MemberState = "TUR",
                        Edition = "programmes/diplomacy-cab/editions/6",
                        Gender = Gender.Female,
                        InstitutionType = "mfa",
                        AttendanceStatus = AttendanceStatus.Attended,
                        Synthetic = true,
                    });
                }
                await call.RequestStream.WriteAsync(message);
                if (sent / RowsPerMessage + 1 == signalAfter)
                {
                    signal.TrySetResult();
                }
            }
            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            Assert.Equal(Rows, response.RowsReceived);
            return true;
        }
        catch (RpcException)
        {
            signal.TrySetResult();
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Writing to a stream whose call already failed, or whose connection the kill cut.
            signal.TrySetResult();
            return false;
        }
    }

    /// <summary>The gRPC address from the server's banner ("… listening on http://127.0.0.1:PORT (…").</summary>
    private static async Task<string> ReadAddressAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = line[(at + marker.Length)..];
                _ = process.StandardOutput.ReadToEndAsync();
                return rest[..rest.IndexOf(' ', StringComparison.Ordinal)];
            }
        }
        throw new InvalidOperationException($"the server stopped (exit {(process.HasExited ? process.ExitCode : -1)}) before printing its address");
    }
}
