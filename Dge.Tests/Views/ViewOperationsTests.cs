using System.Text.Json;
using Dge.Tests.Infrastructure;
using GraphQL.SystemTextJson;
using GraphQLParser;
using GraphQLParser.AST;

namespace Dge.Tests.Views;

/// <summary>
/// The views' example operations run against the national data without errors and find something. Those whose root field is a
/// connection-like list live in schema/operations (and run in ExampleOperationsTests too); the others in schema/operations/views.
/// </summary>
public sealed class ViewOperationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    public static TheoryData<string> Operations => new(
        ["ClusterAlignmentLowestInRegion.graphql", "RegionCoverage.graphql", "AdvisorWorkload.graphql", "NynedsatteGroupSuggestions.graphql",
         "views/CoverageByScope.graphql", "views/AnnualReport.graphql", "views/ReformImpact.graphql"]);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_RunAgainstNationalData_ReturnsData(string file)
    {
        var path = Path.Combine(RepositoryPaths.Operations, file);
        var query = await File.ReadAllTextAsync(path);
        var variablesPath = Path.ChangeExtension(path, ".variables.json");
        var variables = File.Exists(variablesPath) ? new GraphQLSerializer().Deserialize<global::GraphQL.Inputs>(await File.ReadAllTextAsync(variablesPath)) : null;
        var operation = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().Single();

        var json = await SchemaExecution.ExecuteAsync(graph.Services, query, variables);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), operation.Name?.StringValue);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        var root = json.GetProperty("data").EnumerateObject().Single().Value;
        var items = root.ValueKind == JsonValueKind.Array ? root : root.TryGetProperty("nodes", out var nodes) ? nodes : root.GetProperty(root.TryGetProperty("regions", out _) ? "regions" : "groupsByKind");
        Assert.True(items.GetArrayLength() > 0, $"{file} found nothing: {json}");
    }

    [Fact]
    public async Task ClusterAlignmentExample_FindsUncoveredNynedsatteWithSuggestions()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, "ClusterAlignmentLowestInRegion.graphql"));

        var data = await graph.DataAsync(query, new { regionCode = "1082", asOf = "2026-11-01" });

        var nodes = data.GetProperty("clusterAlignment").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(10, nodes.Count);
        Assert.Contains(nodes.SelectMany(n => n.GetProperty("uncoveredDoctors").EnumerateArray()), d => d.GetProperty("suggestions").GetArrayLength() > 0);
    }
}
