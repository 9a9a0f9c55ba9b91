using System.Xml.Linq;
using Dashboard.Host.Telemetry;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;
using Dashboard.Host.CommandLine;

namespace Dashboard.Tests.Host;

/// <summary>
/// What can be checked of deploy/ and the container settings without a network or a container engine:
/// every file parses, and each names the app's real probe paths, verbs, port and user.
/// </summary>
public sealed class DeployManifestTests
{
    private static string Deploy => Path.Combine(RepoPaths.Root, "deploy");

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Deploy, file));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node;
    }

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static string[] Words(YamlNode node, params object[] path) => [.. ((YamlSequenceNode)At(node, path)).Children.Select(c => ((YamlScalarNode)c).Value!)];

    [Fact]
    public void Every_deploy_file_parses_and_the_kustomization_names_files_that_exist()
    {
        var files = Directory.GetFiles(Deploy, "*.yaml", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("compose.yaml", StringComparison.Ordinal));
        foreach (var file in files) Assert.NotEmpty(Documents(Path.GetRelativePath(Deploy, file)));
        foreach (var resource in Words(Documents("kubernetes/kustomization.yaml")[0], "resources"))
            Assert.True(File.Exists(Path.Combine(Deploy, "kubernetes", resource)), resource);
    }

    [Fact]
    public void The_Deployment_probes_the_apps_own_health_paths_on_the_images_port_as_a_non_root_user()
    {
        var deployment = Documents("kubernetes/deployment.yaml")[0];
        var pod = At(deployment, "spec", "template", "spec");
        var container = At(pod, "containers", 0);
        Assert.Equal(TelemetrySetup.LivePath, Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal(TelemetrySetup.LivePath, Text(container, "startupProbe", "httpGet", "path"));
        Assert.Equal(TelemetrySetup.ReadyPath, Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(ContainerPort().ToString(), Text(container, "ports", 0, "containerPort"));
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("app", ContainerProperty("ContainerUser"));

        // The Service reaches the port by name, the Ingress keeps a browser on its circuit's pod.
        Assert.Equal(Text(container, "ports", 0, "name"), Text(Documents("kubernetes/service.yaml")[0], "spec", "ports", 0, "targetPort"));
        Assert.Equal("cookie", Text(Documents("kubernetes/ingress.yaml")[0], "metadata", "annotations", "nginx.ingress.kubernetes.io/affinity"));
    }

    [Fact]
    public void The_migration_Job_and_the_compose_file_run_verbs_the_app_has()
    {
        var job = Documents("kubernetes/migrate-job.yaml")[0];
        var args = Words(At(job, "spec", "template", "spec", "containers", 0), "args");
        Assert.True(MigrateCommand.IsCommand(args));

        var services = At(Documents("compose.yaml")[0], "services");
        Assert.True(MigrateCommand.IsCommand(Words(services, "migrate", "command")));
        var health = Words(services, "app", "healthcheck", "test");
        Assert.True(HealthCheckCommand.IsCommand(health[2..]));
        Assert.Equal($"http://127.0.0.1:{ContainerPort()}{TelemetrySetup.ReadyPath}", health[3]);
        Assert.Equal(HealthCheckCommand.DefaultUrl, health[3]);
    }

    [Fact]
    public async Task The_healthcheck_verb_reads_readiness_from_a_running_app_and_fails_where_none_answers()
    {
        await using var app = new AppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var root = AppFactory.ListeningUrl(app.Services).TrimEnd('/');
        var output = new StringWriter();

        Assert.Equal(0, await HealthCheckCommand.RunAsync(["healthcheck", root + TelemetrySetup.ReadyPath], output));
        Assert.Contains("200", output.ToString());
        await app.DisposeAsync();
        Assert.Equal(1, await HealthCheckCommand.RunAsync(["healthcheck", root + TelemetrySetup.ReadyPath], new StringWriter()));
    }

    private static XDocument Project() => XDocument.Load(Path.Combine(RepoPaths.Root, "Dashboard", "Dashboard.csproj"));

    private static string? ContainerProperty(string name) => Project().Descendants(name).SingleOrDefault()?.Value;

    private static int ContainerPort() => int.Parse(Project().Descendants("ContainerPort").Single().Attribute("Include")!.Value);
}
