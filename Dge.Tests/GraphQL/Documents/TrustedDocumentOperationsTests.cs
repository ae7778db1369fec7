using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.GraphQL.Documents;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Dge.Tests.GraphQL.Http.GraphQLHttp;

namespace Dge.Tests.GraphQL.Documents;

/// <summary>Every trusted document runs by its id on the national data, on a host that accepts only trusted documents.</summary>
public sealed class TrustedDocumentOperationsTests(TrustedDocumentOperationsTests.OnlyTrustedNationalHost host) : IClassFixture<TrustedDocumentOperationsTests.OnlyTrustedNationalHost>
{
    /// <summary>
    /// The documents that run as they are: with a variables file under schema/operations, or needing none. The admin
    /// shell's forms fill theirs at run time; AdminOperationsTests validates those against the schema.
    /// </summary>
    public static TheoryData<string> Documents => new(new TrustedDocumentRegistry().Documents
        .Where(document => File.Exists(Path.Combine(RepositoryPaths.Operations, $"{document.Name}.variables.json")) || !NeedsVariables(document.Text))
        .Select(document => document.Name));

    private static bool NeedsVariables(string text) =>
        GraphQLParser.Parser.Parse(text).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>()
            .Any(operation => operation.Variables?.Items.Any(v => v.Type is GraphQLParser.AST.GraphQLNonNullType && v.DefaultValue is null) == true);

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Post_TrustedDocumentById_RunsWithoutErrors(string name)
    {
        var document = new TrustedDocumentRegistry().Documents.Single(d => d.Name == name);
        var variablesPath = Path.Combine(RepositoryPaths.Operations, $"{name}.variables.json");
        var variables = File.Exists(variablesPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(variablesPath)).RootElement : default;
        var body = variables.ValueKind == JsonValueKind.Object
            ? JsonSerializer.Serialize(new { id = $"sha256:{document.Hash}", variables })
            : JsonSerializer.Serialize(new { id = $"sha256:{document.Hash}" });

        using var response = await host.Client.SendAsync(Post(body, "application/graphql-response+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("data").ValueKind);
    }

    /// <summary>The national data, accepting only trusted documents.</summary>
    public sealed class OnlyTrustedNationalHost : IAsyncLifetime
    {
        private DgeAppFactory? factory;

        public HttpClient Client { get; private set; } = new();

        public async Task InitializeAsync()
        {
            factory = new DgeAppFactory(
                await TestDatabases.CopyNationalAsync(),
                settings: new Dictionary<string, string> { ["Dge:GraphQL:TrustedDocuments"] = nameof(TrustedDocumentsMode.Only) });
            Client.Dispose();
            Client = await factory.CreateReadyClientAsync();

            // The documents are what the portals' keys send: some show members' e-mail addresses, some write, one makes a key (Admin).
            var (_, secret) = await factory.Services.GetRequiredService<ApiKeys>().CreateAsync("trusted documents", Roles.Admin, null, "tests", CancellationToken.None);
            Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }
    }
}
