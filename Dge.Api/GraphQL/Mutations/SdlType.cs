using GraphQL.Types;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>Reads a type written as in SDL (<c>String!</c>, <c>[ID!]!</c>) into type references the schema resolves.</summary>
public static class SdlType
{
    public static IGraphType Parse(string type)
    {
        if (type.EndsWith('!'))
        {
            return new NonNullGraphType(Parse(type[..^1]));
        }

        return type.StartsWith('[') && type.EndsWith(']')
            ? new ListGraphType(Parse(type[1..^1]))
            : new GraphQLTypeReference(type);
    }
}
