using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using GraphQL.SystemTextJson;
using GraphQLParser;
using GraphQLParser.AST;

namespace Dge.Tests.GraphQL;

/// <summary>Every example operation under schema/operations (the API's and the views') runs against the national data and finds something.</summary>
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

    /// <summary>Some list in the result has items: the example finds real data, not just a valid empty answer.</summary>
    private static bool FoundSomething(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.GetArrayLength() > 0,
        JsonValueKind.Object => element.EnumerateObject().Any(property => FoundSomething(property.Value)),
        _ => false,
    };

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

        // The examples are what a portal sends with a key: queries as a Reader (some show members' e-mail addresses),
        // mutations as an Editor, which change the test's copy of the data.
        var json = await SchemaExecution.ExecuteAsync(graph.Services, query, variables, TestPrincipals.WithRole(operation.Operation == OperationType.Mutation ? Roles.Editor : Roles.Reader));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), operation.Name?.StringValue);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        Assert.True(FoundSomething(json.GetProperty("data")), $"{file} found nothing: {json}");
    }
}
