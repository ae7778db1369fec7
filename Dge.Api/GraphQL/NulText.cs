using GraphQL;

namespace Dge.Api.GraphQL;

/// <summary>
/// No text in the graph holds the NUL character (U+0000): PostgreSQL cannot store or compare it, and on SQLite it cuts
/// names short for every program that reads them in C. A request whose strings carry one, as a literal in the document or
/// in a variable, is refused before it runs with <c>INVALID_TEXT</c> naming where, on both providers alike, so no filter
/// or write ever sends it to the database.
/// </summary>
public static class NulText
{
    public const string Code = "INVALID_TEXT";

    /// <summary>Whether <paramref name="text"/> holds the NUL character.</summary>
    public static bool Holds(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>The error for a document whose string literal at <paramref name="start"/> (0-based) holds NUL; found while the document is lexed (<c>DocumentLimits</c>).</summary>
    public static ExecutionError InLiteral(int start) =>
        Error($"A string in the document (at character {start + 1}) holds the NUL character (U+0000), which no text in the graph may hold.");

    /// <summary>The error for variables holding NUL in any string, naming the first such path (e.g. <c>$w.name.eq</c>), or null.</summary>
    public static ExecutionError? InVariables(Inputs? variables)
    {
        if (variables is null)
        {
            return null;
        }

        foreach (var (name, value) in variables)
        {
            if (PathTo(value, "$" + name) is { } path)
            {
                return Error($"The variable {path} holds the NUL character (U+0000), which no text in the graph may hold.");
            }
        }

        return null;
    }

    private static string? PathTo(object? value, string path) => value switch
    {
        string text => Holds(text) ? path : null,
        IDictionary<string, object?> fields => fields.Select(field => PathTo(field.Value, $"{path}.{field.Key}")).FirstOrDefault(found => found is not null),
        IEnumerable<object?> items => items.Select((item, i) => PathTo(item, $"{path}[{i}]")).FirstOrDefault(found => found is not null),
        _ => null,
    };

    private static ExecutionError Error(string message) => new(message) { Code = Code };
}
