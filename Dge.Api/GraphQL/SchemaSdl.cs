using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Dge.Api.GraphQL;

/// <summary>The printed schema (SDL) with descriptions, types and fields in ordinal order so diffs stay readable.</summary>
public static class SchemaSdl
{
    public static string Print(ISchema schema) =>
        schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n");
}
