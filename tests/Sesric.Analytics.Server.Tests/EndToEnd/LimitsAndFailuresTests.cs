using Grpc.Core;

using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Application.Statistics;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Querying;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

public sealed class LimitsAndFailuresTests
{
    private static readonly Metadata Reader = TestKeys.Headers(TestKeys.Reader);

    [Fact]
    public async Task A_key_over_its_rate_gets_resource_exhausted_with_a_retry_delay_while_other_keys_go_on()
    {
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?>
        {
            ["Sesric:RequestsPerSecondPerKey"] = "1",
            ["Sesric:BurstPerKey"] = "3",
        });
        var request = new ListProgrammesRequest();

        // Twelve calls at once: the burst of 3 always goes through, and on a machine too slow to finish twelve
        // calls within the few seconds it takes to refill the rest, some must be refused. (Calls made one after
        // another could each wait out a refill on a loaded CI machine, which made this test flaky.)
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await host.Catalog.ListProgrammesAsync(request, Reader);
                return null;
            }
            catch (RpcException e)
            {
                return e;
            }
        }));

        Assert.True(outcomes.Count(o => o is null) >= 3, "the burst of 3 was not served");
        var refused = outcomes.OfType<RpcException>().ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, e => Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode));
        var status = refused[0].GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal(ErrorReasons.RateLimited, status!.Reason());
        Assert.NotNull(status.GetDetail<Google.Rpc.RetryInfo>());
        await host.Catalog.ListProgrammesAsync(request, TestKeys.Headers(TestKeys.Analyst));
    }

    [Fact]
    public async Task A_request_larger_than_the_limit_is_resource_exhausted_not_a_crash()
    {
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { ["Sesric:MaxReceiveMessageBytes"] = "4096" });

        var headers = new Metadata { { "x-api-key", TestKeys.Reader }, { "x-request-id", "req-too-large-1" } };
        var call = host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = new string('x', 10_000) }, headers);

        var status = await RpcAssert.Fails(StatusCode.ResourceExhausted, () => call.ResponseAsync);

        Assert.Equal(ErrorReasons.TooLarge, status.Reason());
        Assert.Contains("4,096 bytes", status.Message, StringComparison.Ordinal);
        Assert.Equal("req-too-large-1", call.GetTrailers().GetValue("x-request-id") ?? (await call.ResponseHeadersAsync).GetValue("x-request-id"));
        Assert.Single((await host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" } }, Reader)).Rows);
    }

    [Fact]
    public async Task An_import_over_the_row_limit_is_resource_exhausted_and_writes_nothing()
    {
        await using var host = await ServiceHost.StartInMemoryAsync(new Dictionary<string, string?> { ["Sesric:MaxImportRows"] = "2" });
        using var call = host.Ingest.ImportParticipations(TestKeys.Headers(TestKeys.Admin));
        var rows = Enumerable.Range(1, 3).Select(i => new ParticipationRow { ParticipantId = $"p-{i}", MemberState = "TUR", Edition = "programmes/diplomacy-cab/editions/6" });
        await call.RequestStream.WriteAsync(new ImportParticipationsRequest { Rows = { rows } });
        await call.RequestStream.CompleteAsync();

        var status = await RpcAssert.Fails(StatusCode.ResourceExhausted, () => call.ResponseAsync);
        Assert.Equal(ErrorReasons.TooLarge, status.Reason());
    }

    [Fact]
    public async Task An_expired_deadline_reaches_the_query_and_stops_it()
    {
        var engine = new ObservedEngine();
        await using var host = await ServiceHost.StartInMemoryAsync(services: s => s.AddSingleton<IStatisticsEngine>(engine));

        await host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), Reader); // warm the pipeline so the deadline is spent in the query

        var call = host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" } }, Reader, deadline: DateTime.UtcNow.AddSeconds(2));
        await engine.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        // Client and server each hold the same deadline. When the client's timer fires first the call ends
        // DEADLINE_EXCEEDED; when the server's does (a loaded machine delays the client's timer), gRPC resets the
        // stream with CANCEL (HTTP/2 error code 8), which the in-memory test transport reports as that reset.
        var serverResetFirst = e.StatusCode == StatusCode.Internal && e.Status.Detail.Contains("reset the request with error code 8", StringComparison.Ordinal);
        Assert.True(e.StatusCode == StatusCode.DeadlineExceeded || serverResetFirst, $"{e.StatusCode}: {e.Status.Detail}");
        Assert.True(await engine.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_cancelled_call_reaches_the_query_and_stops_it()
    {
        var engine = new ObservedEngine();
        await using var host = await ServiceHost.StartInMemoryAsync(services: s => s.AddSingleton<IStatisticsEngine>(engine));
        using var cts = new CancellationTokenSource();

        await host.Catalog.ListProgrammesAsync(new ListProgrammesRequest(), Reader);

        var call = host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" } }, Reader, cancellationToken: cts.Token);
        await engine.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.True(e.StatusCode == StatusCode.Cancelled, $"{e.StatusCode}: {e.Status.Detail}");
        Assert.True(await engine.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_unexpected_failure_is_internal_with_only_the_request_id()
    {
        var engine = new ObservedEngine { Failure = new InvalidOperationException("Binder Error: SELECT secret FROM participation_fact at /home/x/analytics.duckdb") };
        await using var host = await ServiceHost.StartInMemoryAsync(services: s => s.AddSingleton<IStatisticsEngine>(engine));
        var headers = new Metadata { { "x-api-key", TestKeys.Reader }, { "x-request-id", "req-abc-123" } };

        var status = await RpcAssert.Fails(StatusCode.Internal, () => host.Stats.QueryAsync(new QueryRequest { Measures = { "participants" } }, headers).ResponseAsync);

        Assert.Equal(ErrorReasons.Internal, status.Reason());
        Assert.Contains("req-abc-123", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("participation_fact", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("duckdb", status.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits on the call's token (as a long database query does) and records what it saw.</summary>
    private sealed class ObservedEngine : IStatisticsEngine
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; init; }

        public Semantic.SemanticModel Model => Semantic.SemanticModel.Default;

        public async Task<ResultTable> ExecuteAsync(Semantic.SemanticQuery query, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            if (Failure is not null)
            {
                throw Failure;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
            throw new TimeoutException("the call's token was never cancelled");
        }
    }
}
