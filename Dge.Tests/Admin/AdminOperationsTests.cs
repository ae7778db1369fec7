using Dge.Admin.Client;
using Dge.Api.GraphQL.Documents;
using Dge.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Admin;

/// <summary>Every GraphQL operation of the admin shell (the .graphql files beside its pages) is valid against the schema.</summary>
public sealed class AdminOperationsTests(NationalGraph graph) : IClassFixture<NationalGraph>
{
    public static TheoryData<string> Operations => new(AdminDocuments().Select(d => d.Name));

    private static IEnumerable<TrustedDocument> AdminDocuments() =>
        new TrustedDocumentRegistry().Documents.Where(d => typeof(AdminOperations).Assembly.GetManifestResourceNames().Contains($"{AdminOperations.ResourcePrefix}{d.Name}.graphql"));

    [Fact]
    public void Operations_Embedded_IncludeThePagesOperations()
    {
        Assert.Superset(new HashSet<string> { "AdminCoverage", "AdminApiKeys", "AdminCreateApiKey", "AdminRevokeApiKey" }, AdminDocuments().Select(d => d.Name).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_ValidatedAgainstTheSchema_HasNoErrors(string name)
    {
        var text = AdminOperations.Read(name);
        var document = Parser.Parse(text);
        var operation = Assert.Single(document.Definitions.OfType<GraphQLOperationDefinition>());
        var schema = graph.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = graph.Services,
            User = TestPrincipals.WithRole(Dge.Api.Access.Roles.Admin),
        });

        // The pages send their variables at run time: only the document is checked here, not missing variable values.
        var errors = result.Errors.Where(e => e is not InvalidVariableError).Select(e => e.Message).ToList();
        Assert.Empty(errors);
        Assert.Equal(name, operation.Name?.StringValue);
    }
}
