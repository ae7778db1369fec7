using Dge.Api.GraphQL;
using Dge.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit;

namespace Dge.Tests.GraphQL;

/// <summary>
/// The printed SDL is reviewed as a diff of schema/schema.graphql.snap. CI runs in Snapshooter's strict mode,
/// so a missing snapshot fails instead of being written.
/// </summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public async Task Schema_Printed_MatchesTheSnapshot()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());

        var sdl = SchemaSdl.Print(factory.Services.GetRequiredService<ISchema>());

        Snapshot.Match(sdl, new SnapshotFullName("schema.graphql", RepositoryPaths.Schema));
    }

    [Fact]
    public async Task Schema_EveryTypeFieldAndArgument_HasADescription()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t is not ScalarGraphType { Name: "String" or "Int" or "Float" or "Boolean" or "ID" }))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}");
                    }

                    missing.AddRange(field.Arguments?.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})") ?? []);
                }
            }

            if (type is EnumerationGraphType enumeration)
            {
                missing.AddRange(enumeration.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{type.Name}.{v.Name}"));
            }
        }

        Assert.Empty(missing);
    }
}
