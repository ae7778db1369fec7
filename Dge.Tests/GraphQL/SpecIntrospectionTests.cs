using System.Text.Json;
using Dge.Api.GraphQL.Scalars;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL;

/// <summary>Introspection as the current GraphQL spec has it, as code generators ask for it.</summary>
public sealed class SpecIntrospectionTests(ReferenceOnlyHost host) : IClassFixture<ReferenceOnlyHost>
{
    private static readonly string CodegenDirectory = Path.Combine(RepositoryPaths.Root, "Dge.Tests", "GraphQL", "Codegen");

    [Fact]
    public async Task Introspection_DateScalar_AnswersSpecifiedByUrl()
    {
        var data = await DataAsync("""{ date: __type(name: "Date") { specifiedByURL } string: __type(name: "String") { specifiedByURL } }""");

        Assert.Equal(IsoDateGraphType.SpecifiedByUrl, data.GetProperty("date").GetProperty("specifiedByURL").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("string").GetProperty("specifiedByURL").ValueKind);
    }

    [Fact]
    public async Task Introspection_Directives_AnswerIsRepeatableAndDeprecatableArguments()
    {
        var data = await DataAsync("{ __schema { directives { name isRepeatable args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }");

        var directives = data.GetProperty("__schema").GetProperty("directives").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.False(directives["include"].GetProperty("isRepeatable").GetBoolean());
        Assert.False(directives["specifiedBy"].GetProperty("isRepeatable").GetBoolean());
        Assert.Equal("url", directives["specifiedBy"].GetProperty("args")[0].GetProperty("name").GetString());
        Assert.False(directives["specifiedBy"].GetProperty("args")[0].GetProperty("isDeprecated").GetBoolean());
    }

    [Fact]
    public async Task Introspection_FieldArgumentsAndInputFields_TakeIncludeDeprecated()
    {
        var data = await DataAsync("""
            { query: __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
              filter: __type(name: "DoctorFilterInput") { inputFields(includeDeprecated: true) { name isDeprecated } } }
            """);

        var doctors = data.GetProperty("query").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "doctors");
        Assert.Contains(doctors.GetProperty("args").EnumerateArray(), a => a.GetProperty("name").GetString() == "where" && !a.GetProperty("isDeprecated").GetBoolean());
        Assert.Contains(data.GetProperty("filter").GetProperty("inputFields").EnumerateArray(), f => f.GetProperty("name").GetString() == "lastName");
    }

    [Fact]
    public async Task Sdl_DateScalar_CarriesSpecifiedBy()
    {
        var sdl = await host.Client.GetStringAsync(new Uri("/graphql?sdl", UriKind.Relative));

        Assert.Contains($"scalar Date @specifiedBy(url: \"{IsoDateGraphType.SpecifiedByUrl}\")", sdl, StringComparison.Ordinal);
        Assert.Contains("directive @specifiedBy(", sdl, StringComparison.Ordinal);
    }

    /// <summary>
    /// GraphQL Code Generator, loading the schema from the live host with every introspection option graphql-js has
    /// (isRepeatable, specifiedByURL, input value deprecation, schema description, oneOf), generates TypeScript types.
    /// </summary>
    [Fact]
    public async Task Codegen_EveryIntrospectionOption_GeneratesTypes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await NodeTool.EnsurePackagesAsync(CodegenDirectory, timeout.Token);
        await using var live = await LiveDgeHost.StartAsync(timeout.Token);
        var output = Path.Combine(Path.GetTempPath(), $"dge-codegen-{Guid.NewGuid():N}.ts");
        try
        {
            var run = await NodeTool.RunAsync("node", ["codegen.mjs", live.GraphQLEndpoint.ToString(), output], CodegenDirectory, timeout.Token);

            Assert.True(run.ExitCode == 0, $"node codegen.mjs failed (exit code {run.ExitCode}):\n{run.Error}\n{run.Output}");
            var types = await File.ReadAllTextAsync(output, timeout.Token);
            Assert.Contains("export type Doctor = Node & {", types, StringComparison.Ordinal);
            Assert.Contains("export type DoctorFilterInput = {", types, StringComparison.Ordinal);
            Assert.Contains("Date: { input: unknown; output: unknown; }", types, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private async Task<JsonElement> DataAsync(string query)
    {
        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery(query));
        var json = await GraphQLHttp.JsonAsync(response);
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return json.GetProperty("data");
    }
}
