using System.Text.Json;
using Dge.Api.Access;
using Dge.Tests.Infrastructure;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

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
        // mutations with the role their field asks for (Editor, or Admin for the keys), changing the test's copy of the data.
        var json = await SchemaExecution.ExecuteAsync(graph.Services, query, variables, TestPrincipals.WithRole(RoleFor(operation)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), operation.Name?.StringValue);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        if (operation.Operation == OperationType.Mutation)
        {
            // A refused business rule is data in the payload: an example must show the write succeeding.
            Assert.All(json.GetProperty("data").EnumerateObject(), payload =>
            {
                Assert.Equal(JsonValueKind.Null, payload.Value.GetProperty("errors").ValueKind);
                Assert.Contains(payload.Value.EnumerateObject(), field => field.Name is not ("errors" or "warnings") && field.Value.ValueKind == JsonValueKind.Object);
            });
        }
        else
        {
            Assert.True(FoundSomething(json.GetProperty("data")), $"{file} found nothing: {json}");
        }
    }

    private string RoleFor(GraphQLOperationDefinition operation)
    {
        if (operation.Operation != OperationType.Mutation)
        {
            return Roles.Reader;
        }

        var schema = graph.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var fields = operation.SelectionSet.Selections.OfType<GraphQLField>().Select(f => schema.Mutation!.GetField(f.Name.StringValue)!.RequiredRole());
        return fields.Contains(Roles.Admin) ? Roles.Admin : Roles.Editor;
    }
}
