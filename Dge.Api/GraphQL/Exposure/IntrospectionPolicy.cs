using System.Security.Claims;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Dge.Api.GraphQL.Exposure;

/// <summary>
/// Refuses <c>__schema</c> and <c>__type</c> to callers that <see cref="GraphQLExposureOptions.Introspection"/> does not allow,
/// as a validation error (<c>INTROSPECTION_NOT_ALLOWED</c>), so nothing of the operation runs. <c>__typename</c> stays
/// allowed: clients add it everywhere, and it tells no more than the response already does.
/// </summary>
public sealed class IntrospectionPolicy(GraphQLExposureOptions options) : ValidationRuleBase
{
    public const string Code = "INTROSPECTION_NOT_ALLOWED";

    /// <summary>Whether <paramref name="user"/> may introspect the schema.</summary>
    public bool Allows(ClaimsPrincipal? user) => options.Introspection switch
    {
        IntrospectionAccess.Anonymous => true,
        IntrospectionAccess.Authenticated => user?.Identity?.IsAuthenticated == true,
        _ => false,
    };

    /// <summary>Why <c>/graphql?sdl</c> or an introspection field was refused.</summary>
    private string RefusalMessage => options.Introspection == IntrospectionAccess.Off
        ? "Introspection is turned off on this server."
        : "Introspection is allowed only to authenticated callers.";

    /// <summary>The answer to a refused <c>/graphql?sdl</c>.</summary>
    public ExecutionResult Refusal() => ErrorResults.Of(Code, RefusalMessage);

    /// <summary>
    /// Whether <paramref name="document"/> asks for <c>__schema</c> or <c>__type</c> anywhere (in an operation, a fragment, an
    /// inline fragment, under an alias): the fields this rule refuses. A kept document that does not runs without the rule
    /// (<see cref="Documents.ValidatedDocuments"/>), so whatever the rule comes to refuse, this must find too.
    /// </summary>
    public static bool Introspects(GraphQLDocument document) =>
        document.Definitions.Any(definition => definition switch
        {
            GraphQLOperationDefinition operation => AsksForSchema(operation.SelectionSet),
            GraphQLFragmentDefinition fragment => AsksForSchema(fragment.SelectionSet),
            _ => false,
        });

    private static bool AsksForSchema(GraphQLSelectionSet? selections) =>
        selections is not null && selections.Selections.Any(selection => selection switch
        {
            GraphQLField field => IsIntrospectionField(field) || AsksForSchema(field.SelectionSet),
            GraphQLInlineFragment inline => AsksForSchema(inline.SelectionSet),
            _ => false,
        });

    /// <summary>Whether <paramref name="field"/> is <c>__schema</c> or <c>__type</c> (under any alias).</summary>
    internal static bool IsIntrospectionField(GraphQLField field) => field.Name.Value.Span is "__schema" or "__type";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(Allows(context.User) ? null : new MatchingNodeVisitor<GraphQLField>((field, validation) =>
        {
            if (IsIntrospectionField(field))
            {
                validation.ReportError(new ValidationError(validation.Document.Source, null, $"{RefusalMessage} The field '{field.Name.StringValue}' cannot be queried.", field) { Code = Code });
            }
        }));
}
