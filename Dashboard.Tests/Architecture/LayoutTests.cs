using System.Reflection;
using Dashboard.Data.Kernel;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;
using Dashboard.Host.Http;

namespace Dashboard.Tests.Architecture;

/// <summary>
/// The arrows of the layout (docs/development.md, "Project layout"): the data core knows no feature, the API's
/// protocol knows no feature and no page, and nothing that answers HTTP outside the pages depends on
/// a component. Each rule reads the compiled code, so a new wrong import fails here, not in review.
/// </summary>
public class LayoutTests
{
    private static readonly Assembly Data = typeof(WriteDoor).Assembly;
    private static readonly Assembly App = typeof(Program).Assembly;

    /// <summary>"Dashboard.Data.Incidents.", …: every data namespace but the core, the store and the generated migrations.</summary>
    private static string[] DataFeatures() => FeatureNamespaces(Data, "Dashboard.Data", ["Kernel", "Store", "Migrations"]);

    /// <summary>"Dashboard.Incidents.", …: every app namespace but the host, the API's protocol, the UI kit and sign-in.</summary>
    private static string[] AppFeatures() => FeatureNamespaces(App, "Dashboard", ["Api", "Host", "Ui", "Account", "Data"]);

    private static string[] FeatureNamespaces(Assembly assembly, string root, string[] notFeatures) =>
        [.. assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith(root + ".", StringComparison.Ordinal))
            .Select(n => n[(root.Length + 1)..].Split('.')[0]).Distinct().Where(n => !notFeatures.Contains(n))
            .Order(StringComparer.Ordinal).Select(n => $"{root}.{n}.")]; // the dot: NetArchTest matches by prefix

    [Fact]
    public void The_lists_of_features_are_the_folders_a_reader_sees()
    {
        // Guards the rules below against passing because they look at nothing.
        Assert.Contains("Dashboard.Data.Incidents.", DataFeatures());
        Assert.Contains("Dashboard.Data.Webhooks.", DataFeatures());
        Assert.Contains("Dashboard.Timeline.", AppFeatures());
        Assert.DoesNotContain("Dashboard.Api.", AppFeatures());
    }

    [Fact]
    public void The_data_core_imports_no_feature()
    {
        var result = Types.InAssembly(Data).That().ResideInNamespace("Dashboard.Data.Kernel")
            .ShouldNot().HaveDependencyOnAny(DataFeatures()).GetResult();
        Assert.True(result.IsSuccessful, Failing("the core (Dashboard.Data/Kernel) imports a feature", result));
    }

    [Fact]
    public void The_API_protocol_imports_no_feature_and_no_page()
    {
        var result = Types.InAssembly(App).That().ResideInNamespaceMatching(@"^Dashboard\.Api$")
            .ShouldNot().HaveDependencyOnAny([.. AppFeatures(), "Dashboard.Ui."]).GetResult();
        Assert.True(result.IsSuccessful, Failing("Dashboard/Api (keys, problems, ETags, idempotency, document) imports a feature", result));
    }

    [Fact]
    public void Endpoints_and_exports_depend_on_no_component()
    {
        string[] components = [.. App.GetTypes().Where(t => typeof(ComponentBase).IsAssignableFrom(t) && t.FullName is not null).Select(t => t.FullName!)];
        Assert.NotEmpty(components);
        var result = Types.InAssembly(App).That().ResideInNamespaceMatching(@"^Dashboard\.Api$")
            .Or().HaveNameEndingWith("Api").Or().HaveNameEndingWith("Export").Or().HaveNameEndingWith("Exports").Or().HaveNameEndingWith("Html")
            .ShouldNot().HaveDependencyOnAny(components).GetResult();
        Assert.True(result.IsSuccessful, Failing("an endpoint or export depends on a page or a component; put what both need beside them in the feature", result));
    }

    [Fact]
    public void Every_row_that_belongs_to_an_incident_says_so_to_the_door()
    {
        // The door checks visibility on the incidents a write touches, read from IIncidentRow: a row
        // with an incident key that does not implement it would slip past the check.
        using var db = new IncidentBoardDbContext(new DbContextOptionsBuilder<IncidentBoardDbContext>().UseSqlite("Data Source=:memory:").Options);
        string[] notWrittenByCommands = ["AuditEntry"]; // the door writes these itself, after the check
        var missing = db.Model.GetEntityTypes().Select(e => e.ClrType).Distinct()
            .Where(t => t.GetProperties().Any(p => p.Name.EndsWith("IncidentId", StringComparison.Ordinal)))
            .Where(t => !typeof(IIncidentRow).IsAssignableFrom(t) && !notWrittenByCommands.Contains(t.Name))
            .Select(t => $"{t.FullName} [{string.Join(",", t.GetInterfaces().Select(i => i.Name))}]").ToList();
        Assert.True(missing.Count == 0, "Rows with an incident key that the door cannot see: " + string.Join(", ", missing));
    }

    private static string Failing(string rule, TestResult result) =>
        $"{rule}: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}";
}
