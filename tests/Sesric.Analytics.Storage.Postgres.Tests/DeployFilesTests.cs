using YamlDotNet.RepresentationModel;

namespace Sesric.Analytics.Storage.Postgres.Tests;

/// <summary>
/// The files in deploy/ parse (YamlDotNet) and agree with the service: replicas over a PostgreSQL address without a
/// password in it, an HTTP/2 balancer with gRPC health checks, probes and Service on the gRPC port, keys from a Secret.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(FindRoot(), "deploy");

    [Fact]
    public void The_compose_file_runs_postgresql_several_replicas_and_an_http2_balancer_with_grpc_health_checks()
    {
        var compose = Load("compose/compose.yaml");
        var services = Map(compose, "services");
        Assert.StartsWith("postgres:", Text(Map(services, "postgres"), "image"), StringComparison.Ordinal);
        var server = Map(services, "server");
        Assert.True(int.Parse(Text(Map(server, "deploy"), "replicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var environment = Map(server, "environment");
        var address = Text(environment, "SESRIC_ANALYTICS_DB");
        Assert.True(StoreLocation.IsPostgres(address), address);
        Assert.Equal(address, StoreLocation.Redact(address));
        Assert.DoesNotContain(":", address.Split('@')[0].Replace("postgresql://", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("http://0.0.0.0:5080", Text(environment, "Sesric__Address"));

        var envoy = Load("compose/envoy.yaml");
        var listener = Seq(Map(envoy, "static_resources"), "listeners")[0];
        var manager = (YamlMappingNode)Seq((YamlMappingNode)Seq((YamlMappingNode)listener, "filter_chains")[0], "filters")[0];
        Assert.Equal("HTTP2", Text(Map(manager, "typed_config"), "codec_type"));
        var cluster = (YamlMappingNode)Seq(Map(envoy, "static_resources"), "clusters")[0];
        Assert.True(Map(Map(Map(cluster, "typed_extension_protocol_options"), "envoy.extensions.upstreams.http.v3.HttpProtocolOptions"), "explicit_http_config").Children.ContainsKey("http2_protocol_options"));
        Assert.True(((YamlMappingNode)Seq(cluster, "health_checks")[0]).Children.ContainsKey("grpc_health_check"));
        var socket = Map(Map((YamlMappingNode)Seq((YamlMappingNode)Seq(Map(cluster, "load_assignment"), "endpoints")[0], "lb_endpoints")[0], "endpoint"), "address");
        Assert.Equal("server", Text(Map(socket, "socket_address"), "address"));
        Assert.Equal("5080", Text(Map(socket, "socket_address"), "port_value"));
    }

    [Fact]
    public void The_kubernetes_deployment_probes_grpc_health_on_the_port_the_service_targets_and_reads_secrets()
    {
        var deployment = Load("kubernetes/deployment.yaml");
        Assert.Equal("Deployment", Text(deployment, "kind"));
        var container = (YamlMappingNode)Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers")[0];
        var port = (YamlMappingNode)Seq(container, "ports")[0];
        Assert.Equal("5080", Text(port, "containerPort"));
        Assert.Equal("5080", Text(Map(Map(container, "readinessProbe"), "grpc"), "port"));
        Assert.Equal("5080", Text(Map(Map(container, "livenessProbe"), "grpc"), "port"));
        var env = Seq(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"));
        Assert.True(StoreLocation.IsPostgres(Text(env["SESRIC_ANALYTICS_DB"], "value")));
        var secret = Load("kubernetes/secret.yaml");
        Assert.Equal("Secret", Text(secret, "kind"));
        var secretName = Text(Map(secret, "metadata"), "name");
        var secretKeys = Map(secret, "stringData").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var name in new[] { "PGPASSWORD", "Sesric__ApiKeys__0__Sha256" })
        {
            var reference = Map(Map(env[name], "valueFrom"), "secretKeyRef");
            Assert.Equal(secretName, Text(reference, "name"));
            Assert.Contains(Text(reference, "key"), secretKeys);
        }

        var service = Load("kubernetes/service.yaml");
        Assert.Equal("Service", Text(service, "kind"));
        var servicePort = (YamlMappingNode)Seq(Map(service, "spec"), "ports")[0];
        Assert.Equal(Text(port, "name"), Text(servicePort, "targetPort"));
        Assert.Equal(Text(Map(Map(Map(Map(deployment, "spec"), "template"), "metadata"), "labels"), "app"), Text(Map(Map(service, "spec"), "selector"), "app"));
    }

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Deploy, relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IList<YamlNode> Seq(YamlMappingNode node, string key) => ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children;

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string FindRoot()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "Sesric.Analytics.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("the repository root (Sesric.Analytics.sln) was not found above the test's folder.");
        }
        return folder;
    }
}
