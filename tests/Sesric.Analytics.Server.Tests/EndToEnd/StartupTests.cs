using Grpc.Core;
using Grpc.Net.Client;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Sesric.Analytics.Api;
using Sesric.Analytics.Api.Configuration;
using Sesric.Analytics.Api.Hosting;
using Sesric.Analytics.Api.Security;
using Sesric.Analytics.Contracts.V1;
using Sesric.Analytics.Server.Tests.Infrastructure;
using Sesric.Analytics.Testing;

namespace Sesric.Analytics.Server.Tests.EndToEnd;

public sealed class StartupTests
{
    private static WebApplication Build(string environment, string folder, IDictionary<string, string?>? extra = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = typeof(Program).Assembly.GetName().Name });
        var settings = new Dictionary<string, string?>
        {
            ["Sesric:DatabasePath"] = Path.Combine(folder, "analytics.duckdb"),
            ["Sesric:Address"] = "http://127.0.0.1:0",
            ["Sesric:JsonAddress"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSesricAnalyticsServer([]);
        builder.WebHost.UseTestServer();
        return builder.Build();
    }

    [Fact]
    public async Task Production_without_keys_refuses_to_start_and_says_how_to_add_one()
    {
        using var folder = new TempFolder("server");
        await using var app = Build("Production", folder.Path);

        var e = Assert.Throws<ServiceConfigurationException>(() => app.MapSesricAnalytics());

        Assert.Contains("Sesric:ApiKeys", e.Message, StringComparison.Ordinal);
        Assert.Contains("sha256sum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_model_file_refuses_to_start_naming_the_setting_the_file_and_the_problem()
    {
        using var folder = new TempFolder("server");
        var model = Path.Combine(folder.Path, "model.json");
        await File.WriteAllTextAsync(model, """{ "measures": [ { "name": "rate", "kind": "expression", "expression": "particpants / editions" } ] }""");
        await using var app = Build("Development", folder.Path, new Dictionary<string, string?> { ["Sesric:ModelPath"] = model });

        var e = Assert.Throws<ServiceConfigurationException>(() => app.MapSesricAnalytics());

        Assert.Equal($"Sesric:ModelPath: model file '{model}': measures[0].expression: unknown measure 'particpants' at position 0; did you mean 'participants'?", e.Message);
    }

    [Fact]
    public async Task A_malformed_key_hash_refuses_to_start_naming_the_entry()
    {
        using var folder = new TempFolder("server");
        await using var app = Build("Production", folder.Path, new Dictionary<string, string?> { ["Sesric:ApiKeys:0:Name"] = "ops", ["Sesric:ApiKeys:0:Sha256"] = "abc" });

        var e = Assert.Throws<ServiceConfigurationException>(() => app.MapSesricAnalytics());

        Assert.Contains("Sesric:ApiKeys:0:Sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_without_keys_generates_an_admin_key_that_works()
    {
        using var folder = new TempFolder("server");
        await using var app = Build("Development", folder.Path);
        app.MapSesricAnalytics();
        await app.StartAsync();
        await app.Services.GetRequiredService<StoreHost>().WhenReady;
        var key = app.Services.GetRequiredService<ApiKeySetup.Result>().GeneratedKey;
        using var channel = GrpcChannel.ForAddress(app.GetTestServer().BaseAddress, new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });

        Assert.NotNull(key);
        var programmes = await new CatalogService.CatalogServiceClient(channel).ListProgrammesAsync(new ListProgrammesRequest(), TestKeys.Headers(key));
        Assert.Equal(4, programmes.TotalSize);
        await app.StopAsync();
    }

    [Fact]
    public async Task Program_runs_under_WebApplicationFactory_with_configuration_from_the_test()
    {
        using var folder = new TempFolder("server");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
                TestKeys.Configuration().Append(new("Sesric:DatabasePath", folder.File("analytics.duckdb")))));
        });
        await factory.Services.GetRequiredService<StoreHost>().WhenReady;
        using var channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
        var stats = new StatsService.StatsServiceClient(channel);

        var response = await stats.QueryAsync(new QueryRequest { Measures = { "participants" }, Filter = "programme = \"diplomacy-cab\" AND year = 2020" }, TestKeys.Headers(TestKeys.Reader));
        var e = await Assert.ThrowsAsync<RpcException>(() => stats.QueryAsync(new QueryRequest { Measures = { "participants" } }).ResponseAsync);

        Assert.Equal(81, response.Rows[0].Cells[0].IntegerValue);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.True(File.Exists(folder.File("analytics.duckdb")));
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://192.168.10.5:5080")]
    public async Task Plain_text_on_a_network_address_refuses_to_start_and_says_why(string address)
    {
        using var folder = new TempFolder("server");
        await using var app = Build("Production", folder.Path, WithKeys(new() { ["Sesric:Address"] = address }));

        var e = Assert.Throws<ServiceConfigurationException>(() => app.MapSesricAnalytics());

        Assert.Contains("Sesric:Address", e.Message, StringComparison.Ordinal);
        Assert.Contains("plain text on a network address", e.Message, StringComparison.Ordinal);
        Assert.Contains("Sesric:AllowPlaintext=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_text_on_a_network_json_address_is_refused_too_and_AllowPlaintext_lets_both_start()
    {
        using var folder = new TempFolder("server");
        await using var refused = Build("Production", folder.Path, WithKeys(new() { ["Sesric:JsonAddress"] = "http://0.0.0.0:0" }));
        await using var allowed = Build("Production", folder.Path, WithKeys(new()
        {
            ["Sesric:Address"] = "http://0.0.0.0:0",
            ["Sesric:JsonAddress"] = "http://0.0.0.0:0",
            ["Sesric:AllowPlaintext"] = "true",
        }));

        var e = Assert.Throws<ServiceConfigurationException>(() => refused.MapSesricAnalytics());
        allowed.MapSesricAnalytics();

        Assert.Contains("Sesric:JsonAddress", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_without_a_certificate_and_client_certificates_without_tls_are_refused_naming_the_setting()
    {
        using var folder = new TempFolder("server");
        await using var noCertificate = Build("Production", folder.Path, WithKeys(new() { ["Sesric:Address"] = "https://127.0.0.1:0" }));
        await using var mtlsWithoutTls = Build("Production", folder.Path, WithKeys(new() { ["Sesric:Tls:ClientCertificateMode"] = "RequireCertificate" }));
        await using var missingFile = Build("Production", folder.Path, WithKeys(new()
        {
            ["Sesric:Address"] = "https://127.0.0.1:0",
            ["Sesric:Tls:CertificatePath"] = folder.File("nope.pem"),
        }));

        Assert.Contains("Sesric:Tls:CertificatePath", Assert.Throws<ServiceConfigurationException>(() => noCertificate.MapSesricAnalytics()).Message, StringComparison.Ordinal);
        Assert.Contains("needs TLS", Assert.Throws<ServiceConfigurationException>(() => mtlsWithoutTls.MapSesricAnalytics()).Message, StringComparison.Ordinal);
        Assert.Contains("nope.pem", Assert.Throws<ServiceConfigurationException>(() => missingFile.MapSesricAnalytics()).Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithKeys(Dictionary<string, string?> settings)
    {
        foreach (var (k, v) in TestKeys.Configuration())
        {
            settings[k] = v;
        }
        return settings;
    }
}
