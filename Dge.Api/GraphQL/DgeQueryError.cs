using Dge.Api.Access;
using GraphQL;

namespace Dge.Api.GraphQL;

/// <summary>
/// A client error in a query's arguments (a bad filter, cursor, page size or id), with a stable code
/// in <c>extensions.code</c> and the argument path it concerns.
/// </summary>
public sealed class DgeQueryError : ExecutionError
{
    public DgeQueryError(string code, string message, string? argument = null)
        : base(message)
    {
        Code = code;
        if (argument is not null)
        {
            Data["argument"] = argument;
        }
    }

    /// <summary>A fresh instance for another field: GraphQL.NET records the path on the error object itself.</summary>
    public DgeQueryError Copy() => new(Code!, Message, Data["argument"] as string);

    public static DgeQueryError InvalidFilter(string path, string message) => new("INVALID_FILTER", $"Invalid filter at '{path}': {message}", path);

    public static DgeQueryError InvalidSort(string path, string message) => new("INVALID_SORT", $"Invalid order at '{path}': {message}", path);

    public static DgeQueryError InvalidPaging(string argument, string message) => new("INVALID_PAGING", message, argument);

    /// <summary>A filter or sort on a field the caller may not read: refused, so the filter cannot reveal what the field hides.</summary>
    public static DgeQueryError NotAuthorized(string path, string role) =>
        new(FieldAccess.NotAuthorizedCode, $"'{path}' filters or sorts on personal data, which needs the {role} role.", path);

    public static DgeQueryError InvalidId(string argument, string message) => new("INVALID_ID", message, argument);
}
