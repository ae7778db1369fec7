using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Errors;

namespace Dge.Api.GraphQL.Exposure;

/// <summary>
/// Takes GraphQL.NET's name suggestions ("Did you mean 'lastName'?") out of validation errors when
/// <see cref="GraphQLExposureOptions.Suggestions"/> is off: with introspection refused, they would still let a caller
/// map the schema by guessing. Only the three rules that suggest are touched (unknown field, argument and type); each
/// message keeps its first sentence, which names what was not found, and the error keeps its code and locations.
/// </summary>
public sealed class ValidationSuggestions(GraphQLExposureOptions options) : IConfigureExecution
{
    private const string Suggestion = " Did you mean ";

    /// <summary>The lowest order wraps all other execution configurations, so this sees the final errors.</summary>
    public float SortOrder => 0;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions executionOptions, ExecutionDelegate next)
    {
        var result = await next(executionOptions);
        if (options.Suggestions != false || result.Errors is not { Count: > 0 } errors || !errors.Any(Suggests))
        {
            return result;
        }

        var withoutSuggestions = new ExecutionErrors();
        withoutSuggestions.AddRange(errors.Select(error => Suggests(error) ? WithoutSuggestion((ValidationError)error) : error));
        result.Errors = withoutSuggestions;
        return result;
    }

    private static bool Suggests(ExecutionError error) =>
        error is FieldsOnCorrectTypeError or KnownArgumentNamesError or KnownTypeNamesError
        && error.Message.Contains(Suggestion, StringComparison.Ordinal);

    /// <summary>The names in these messages are GraphQL names, which cannot contain the suggestion's words.</summary>
    private static ValidationError WithoutSuggestion(ValidationError error)
    {
        var message = error.Message[..error.Message.IndexOf(Suggestion, StringComparison.Ordinal)];
        var copy = new ValidationError(message) { Code = error.Code, Number = error.Number, Path = error.Path, Extensions = error.Extensions };
        foreach (var location in error.Locations ?? [])
        {
            copy.AddLocation(location);
        }

        return copy;
    }
}
