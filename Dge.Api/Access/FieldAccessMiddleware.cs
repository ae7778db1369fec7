using GraphQL;
using GraphQL.Instrumentation;

namespace Dge.Api.Access;

/// <summary>
/// The one check of <see cref="FieldAccess.RequireRole"/>: a field the caller may not use resolves to null with an
/// <c>AUTH_NOT_AUTHORIZED</c> error on its path, and its resolver never runs; the rest of the response is unaffected.
/// It runs for every path to the field: root connections, nested fields, <c>node</c>, <c>nodes</c> and mutations alike.
/// </summary>
public sealed class FieldAccessMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (context.FieldDefinition.RequiredRole() is { } role && !Roles.Has(context.User, role))
        {
            // Thrown rather than added, so a non-null field (a mutation's payload) nulls its parent without a second error.
            throw new ExecutionError(
                context.User?.Identity?.IsAuthenticated == true
                    ? $"'{context.FieldDefinition.Name}' needs the {role} role."
                    : $"'{context.FieldDefinition.Name}' needs the {role} role: sign in or send an API key.")
            {
                Code = FieldAccess.NotAuthorizedCode,
            };
        }

        return next(context);
    }
}
