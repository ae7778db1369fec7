using GraphQLParser.AST;

namespace Dge.Api.GraphQL;

/// <summary>The parts of a parsed document that the limits, the cost analysis and the endpoint look up.</summary>
public static class DocumentParts
{
    /// <summary>The fragment definitions by name; of two with one name (a validation error), the first.</summary>
    public static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>()
            .DistinctBy(fragment => fragment.FragmentName.Name.StringValue)
            .ToDictionary(fragment => fragment.FragmentName.Name.StringValue);

    /// <summary>
    /// The operation a request with <paramref name="operationName"/> runs, as the executer chooses it: by name, or the
    /// only one when no name (or an empty one) is given; null when there is no such operation.
    /// </summary>
    public static GraphQLOperationDefinition? Operation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(operation => operation.Name?.StringValue == operationName);
    }
}
