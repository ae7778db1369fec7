using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dge.Admin.Client;

/// <summary>Reads a response's <c>data</c> into the page's own small records (camelCase JSON onto PascalCase properties).</summary>
public static class GraphQLData
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T Read<T>(this GraphQLResponse response) =>
        response.Data is { } data
            ? data.Deserialize<T>(Options) ?? throw new InvalidOperationException($"The API answered no {typeof(T).Name}.")
            : throw new InvalidOperationException($"The API answered no data: {string.Join(" ", response.Errors.Select(e => e.Message))}");
}

/// <summary>One of a mutation payload's typed errors (the API's <c>errors</c> union), with the fields every admin operation asks for.</summary>
public sealed record PayloadError(
    [property: JsonPropertyName("__typename")] string TypeName,
    string Message,
    IReadOnlyList<string>? Path = null,
    string? Code = null,
    int? CurrentVersion = null)
{
    /// <summary>The form field the error names: the input path ["input", "expiresAt"] is the form's <c>Input.ExpiresAt</c>; other errors belong to the whole form.</summary>
    public string FormField => Path is ["input", var name, ..]
        ? $"Input.{char.ToUpperInvariant(name[0])}{name[1..]}"
        : string.Empty;

    public bool IsConflict => TypeName == "ConflictError";
}

/// <summary>A norm the change leaves unmet: shown, never blocking.</summary>
public sealed record PayloadWarning(string Code, string Message);
