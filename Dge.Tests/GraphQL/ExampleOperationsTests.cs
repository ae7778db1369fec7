using System.Text.Json;
using Dge.Tests.Infrastructure;
using GraphQL.SystemTextJson;
using GraphQLParser;
using GraphQLParser.AST;

namespace Dge.Tests.GraphQL;

/// <summary>The example operations under schema/operations run against the national data and return something.</summary>
public sealed class ExampleOperationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    public static TheoryData<string> Operations => new(OperationFiles());

    [Fact]
    public void Operations_Folder_HoldsTheDocumentedExamples()
    {
        Assert.Superset(
            new HashSet<string> { "DoctorsByYdernummer.graphql", "GroupWithMembersAndLastMeetings.graphql", "ClusterWithClinicsAndDoctors.graphql", "NewGpsInRegionPaged.graphql" },
            OperationFiles().ToHashSet());
    }

    private static IEnumerable<string> OperationFiles() =>
        Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_RunAgainstNationalData_ValidatesAndReturnsNodes(string file)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, file));
        var variablesPath = Path.ChangeExtension(Path.Combine(RepositoryPaths.Operations, file), ".variables.json");
        var variables = File.Exists(variablesPath) ? new GraphQLSerializer().Deserialize<global::GraphQL.Inputs>(await File.ReadAllTextAsync(variablesPath)) : null;
        var operation = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>().Single();

        var json = await SchemaExecution.ExecuteAsync(graph.Services, query, variables);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), operation.Name?.StringValue);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        var root = json.GetProperty("data").EnumerateObject().Single().Value;
        Assert.True(root.GetProperty(root.TryGetProperty("nodes", out _) ? "nodes" : "edges").GetArrayLength() > 0, $"{file} found nothing: {json}");
    }
}
