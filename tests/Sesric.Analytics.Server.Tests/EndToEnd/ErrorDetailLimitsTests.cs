using System.Diagnostics;

using Google.Rpc;

using Grpc.Core;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

/// <summary>
/// Errors stay small enough for every gRPC client: gRPC core (Python, C++, …) refuses response metadata above
/// 8 KB by default and reports RESOURCE_EXHAUSTED instead of the real error.
/// </summary>
public sealed class ErrorDetailLimitsTests(SharedServiceHost shared, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SharedServiceHost>
{
    // gRPC core's default limit is 8 KB for all response metadata; leave room for the other headers.
    private const int WellUnderTheLimit = 6 * 1024;
    private static readonly Metadata Admin = TestKeys.Headers(TestKeys.Admin);

    [Fact]
    public async Task An_import_of_100000_bad_rows_is_invalid_argument_listing_50_with_the_total_in_a_small_trailer()
    {
        var started = Stopwatch.GetTimestamp();
        using var call = shared.Host.Ingest.ImportParticipations(Admin);
        for (var start = 0; start < 100_000; start += 10_000)
        {
            var message = new ImportParticipationsRequest();
            for (var i = start; i < start + 10_000; i++)
            {
                message.Rows.Add(new ParticipationRow { ParticipantId = $"bad-{i}", MemberState = "XYZ", Edition = "programmes/diplomacy-cab/editions/6" });
            }
            await call.RequestStream.WriteAsync(message);
        }
        await call.RequestStream.CompleteAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"100,000 bad rows: {elapsed.TotalSeconds:F2} s, trailer {TrailerBytes(e)} bytes");
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var status = e.GetRpcStatus()!;
        Assert.Equal(ErrorReasons.ImportRejected, status.Reason());
        var violations = status.GetDetail<BadRequest>()!.FieldViolations;
        Assert.InRange(violations.Count, 10, RpcErrors.MaxListedProblems);
        Assert.Equal("rows[0].member_state", violations[0].Field);
        Assert.Contains("100,000 of 100,000 row(s) are invalid", status.Message, StringComparison.Ordinal);
        Assert.Contains($"The first {violations.Count} of 100,000 problems are listed", status.Message, StringComparison.Ordinal);
        Assert.True(TrailerBytes(e) < WellUnderTheLimit, $"trailer of {TrailerBytes(e)} bytes");
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_2000_character_measure_name_is_echoed_as_a_short_prefix()
    {
        var name = new string('m', 2_000);

        var e = await Assert.ThrowsAsync<RpcException>(() => shared.Host.Stats.QueryAsync(new QueryRequest { Measures = { name } }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(new string('m', Echo.MaxValue - 1) + "… (", e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('m', Echo.MaxValue + 1), e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('m', Echo.MaxValue + 1), e.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
        Assert.True(TrailerBytes(e) < WellUnderTheLimit, $"trailer of {TrailerBytes(e)} bytes");
    }

    [Fact]
    public async Task A_long_unknown_programme_name_is_cut_in_a_not_found_error()
    {
        var catalog = new CatalogService.CatalogServiceClient(shared.Host.Channel);

        var e = await Assert.ThrowsAsync<RpcException>(() => catalog.GetProgrammeAsync(new GetProgrammeRequest { Name = "programmes/" + new string('p', 5_000) }, Admin).ResponseAsync);

        Assert.True(e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument, e.Status.ToString());
        Assert.True(TrailerBytes(e) < WellUnderTheLimit, $"trailer of {TrailerBytes(e)} bytes");
    }

    /// <summary>What the trailers take in HTTP/2 as gRPC core counts them: name, value (binary ones base64), 32 bytes per entry; grpc-message percent-encoded.</summary>
    private static int TrailerBytes(RpcException e) =>
        e.Trailers.Sum(t => t.Key.Length + 32 + (t.IsBinary ? Convert.ToBase64String(t.ValueBytes).Length : t.Value.Length))
        + "grpc-message".Length + 32 + Uri.EscapeDataString(e.Status.Detail).Length + "grpc-status".Length + 32 + 2;
}
