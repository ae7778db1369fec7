using GraphQL.Types;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>The shared types of every mutation payload: <c>interface Error</c>, its four error types and <c>Warning</c>.</summary>
public static class MutationErrorGraphTypes
{
    public const string NotFound = "NotFoundError";
    public const string Validation = "ValidationError";
    public const string Conflict = "ConflictError";
    public const string Forbidden = "ForbiddenError";

    /// <summary>New instances for one schema: graph types are never shared between schemas.</summary>
    public static IEnumerable<IGraphType> Create()
    {
        var error = new InterfaceGraphType<MutationError> { Name = "Error", Description = "A mutation's refusal: a typed error in the payload's errors, not a GraphQL error." };
        error.Field(e => e.Message).Description("What went wrong, for people.");
        yield return error;
        yield return ErrorType<NotFoundError>(NotFound, "An id in the input names nothing of the expected type.", error, type =>
            type.Field("id", new NonNullGraphType(new GraphQLTypeReference("ID"))).Description("The id that was not found.").Resolve(c => c.Source.Id));
        yield return ErrorType<ValidationError>(Validation, "An input value breaks a rule; path names the input field.", error, type =>
        {
            type.Field("path", new NonNullGraphType(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference("String")))))
                .Description("The input field, e.g. [\"input\", \"to\"].").Resolve(c => c.Source.Path);
            type.Field(e => e.Code).Description("A stable machine-readable code, e.g. PERIOD_ORDER or OVERLAPPING_MEMBERSHIP.");
        });
        yield return ErrorType<ConflictError>(Conflict, "The entity was changed since the caller read it; nothing was written.", error, type =>
            type.Field(e => e.CurrentVersion).Description("The entity's version now: read it again, then retry with this expectedVersion."));
        yield return ErrorType<ForbiddenError>(Forbidden, "The caller may not make this change.", error, _ => { });

        var warning = new ObjectGraphType<Warning> { Name = "Warning", Description = "A norm the change leaves unmet (e.g. fewer than 6 members): reported, not refused." };
        warning.Field(w => w.Code).Description("A stable machine-readable code, e.g. FEW_MEMBERS.");
        warning.Field(w => w.Message).Description("The norm and how it is unmet, for people.");
        yield return warning;
    }

    private static ObjectGraphType<T> ErrorType<T>(string name, string description, IInterfaceGraphType error, Action<ObjectGraphType<T>> fields)
        where T : MutationError
    {
        var type = new ObjectGraphType<T> { Name = name, Description = description, IsTypeOf = value => value is T };
        type.Field(e => e.Message).Description("What went wrong, for people.");
        fields(type);
        type.AddResolvedInterface(error);
        return type;
    }
}
