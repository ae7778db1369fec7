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
    int? CurrentVersion = null,
    string? Id = null)
{
    /// <summary>The form field the error names: the input path ["input", "expiresAt"] is the form's <c>Input.ExpiresAt</c>; other errors belong to the whole form.</summary>
    public string FormField => Path is ["input", var name, ..]
        ? $"Input.{char.ToUpperInvariant(name[0])}{name[1..]}"
        : string.Empty;

    public bool IsConflict => TypeName == "ConflictError";
}

/// <summary>A norm the change leaves unmet: shown, never blocking.</summary>
public sealed record PayloadWarning(string Code, string Message);

/// <summary>What a mutation answered: its result (the changed object), or the typed errors; and its warnings.</summary>
public sealed record MutationOutcome<T>(T? Result, IReadOnlyList<PayloadError> Errors, IReadOnlyList<PayloadWarning> Warnings)
{
    public bool Succeeded => Errors.Count == 0;

    public PayloadError? Conflict => Errors.FirstOrDefault(e => e.IsConflict);
}

public static class AdminMutations
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs the admin operation <paramref name="operation"/> (a one-field mutation taking <c>$input</c>) and reads its payload:
    /// the result object into <typeparamref name="T"/>, the typed errors and the warnings. A GraphQL error (e.g. a missing
    /// role) comes back as an error of the whole form.
    /// </summary>
    public static async Task<MutationOutcome<T>> MutateAsync<T>(this IAdminGraphQLClient client, string operation, object input, CancellationToken cancellationToken)
    {
        var response = await client.ExecuteAsync(
            new GraphQLRequest(AdminOperations.Read(operation), new Dictionary<string, object?> { ["input"] = input }, operation), cancellationToken);
        if (!response.IsSuccess || response.Data is not { } data)
        {
            return new MutationOutcome<T>(default, response.Errors.Select(e => new PayloadError("Error", e.Message, Code: e.Code)).ToList(), []);
        }

        var payload = data.Deserialize<Dictionary<string, Payload>>(Options)!.Values.Single();
        var result = payload.Result?.Values.SingleOrDefault() is { ValueKind: JsonValueKind.Object } value ? value.Deserialize<T>(Options) : default;
        return new MutationOutcome<T>(result, payload.Errors ?? [], payload.Warnings ?? []);
    }

    private sealed record Payload(IReadOnlyList<PayloadError>? Errors, IReadOnlyList<PayloadWarning>? Warnings)
    {
        /// <summary>The payload's other field: the changed object, named after its type (<c>user</c>, <c>created</c>, …).</summary>
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Result { get; init; }
    }
}
