using GraphQL.Builders;
using GraphQL.Types;

namespace Dge.Api.Access;

/// <summary>
/// Who may use a field: the lowest role it needs, kept as field metadata so the declaration says it and the access check
/// (and the schema's documentation) read it. A field without it is open to anonymous callers.
/// </summary>
public static class FieldAccess
{
    /// <summary>The error code of a refused field, filter or sort, as HotChocolate's authorization names it.</summary>
    public const string NotAuthorizedCode = "AUTH_NOT_AUTHORIZED";

    private const string RoleKey = "dge:requiredRole";

    public static FieldType RequireRole(this FieldType field, string role)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"'{role}' is not a role.", nameof(role));
        }

        field.Metadata[RoleKey] = role;
        return field;
    }

    public static FieldBuilder<TSource, TReturn> RequireRole<TSource, TReturn>(this FieldBuilder<TSource, TReturn> builder, string role)
    {
        builder.FieldType.RequireRole(role);
        return builder;
    }

    /// <summary>The role the field needs, or null when anyone may use it.</summary>
    public static string? RequiredRole(this IFieldType field) => field.GetMetadata<string?>(RoleKey);
}
