using GraphQL;

namespace Dge.Api.GraphQL;

/// <summary>
/// Caps the errors of one response, whatever produced them: a document that repeats a mistake thousands of times
/// would otherwise be answered with megabytes of identical errors.
/// </summary>
public static class ErrorLimit
{
    /// <summary>Most errors one response carries; the rest are summed up in one final error.</summary>
    public const int MaxErrors = 100;

    public const string Code = "TOO_MANY_ERRORS";

    public static ExecutionResult Apply(ExecutionResult result)
    {
        if (result.Errors is not { Count: > MaxErrors } errors)
        {
            return result;
        }

        var kept = new ExecutionErrors();
        foreach (var error in errors.Take(MaxErrors))
        {
            kept.Add(error);
        }

        kept.Add(new ExecutionError($"{errors.Count - MaxErrors} more errors were omitted.") { Code = Code });
        result.Errors = kept;
        return result;
    }
}
