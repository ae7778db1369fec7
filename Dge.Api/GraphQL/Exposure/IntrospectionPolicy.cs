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

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(Allows(context.User) ? null : new MatchingNodeVisitor<GraphQLField>((field, validation) =>
        {
            if (field.Name.Value.Span is "__schema" or "__type")
            {
                validation.ReportError(new ValidationError(validation.Document.Source, null, $"{RefusalMessage} The field '{field.Name.StringValue}' cannot be queried.", field) { Code = Code });
            }
        }));
}
