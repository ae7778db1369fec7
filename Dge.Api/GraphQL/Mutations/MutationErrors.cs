namespace Dge.Api.GraphQL.Mutations;

/// <summary>A mutation's refusal, returned as data in the payload's <c>errors</c> (<c>interface Error</c>).</summary>
public abstract record MutationError(string Message);

/// <summary>An id in the input names nothing of the expected type.</summary>
public sealed record NotFoundError(string Message, string Id) : MutationError(Message);

/// <summary>An input value breaks a rule; <see cref="Path"/> names the input field, e.g. <c>["input", "to"]</c>.</summary>
public sealed record ValidationError(string Message, IReadOnlyList<string> Path, string Code) : MutationError(Message);

/// <summary>The entity changed since the caller read it: <see cref="CurrentVersion"/> is the version to read again.</summary>
public sealed record ConflictError(string Message, int CurrentVersion) : MutationError(Message);

/// <summary>The caller may not make this change.</summary>
public sealed record ForbiddenError(string Message) : MutationError(Message);

/// <summary>A norm the change leaves unmet (e.g. fewer than 6 members): reported, not refused.</summary>
public sealed record Warning(string Code, string Message);

/// <summary>
/// Thrown by a mutation's operation to refuse the change: the transaction is rolled back and the payload carries
/// <see cref="Error"/>. A refusal is the client's business, never logged as a failure.
/// </summary>
public sealed class MutationRefusedException(MutationError error) : Exception(error.Message)
{
    public MutationError Error { get; } = error;

    /// <summary>A rule broken by the input field <paramref name="field"/>: path <c>["input", field]</c>.</summary>
    public static MutationRefusedException Invalid(string field, string code, string message) =>
        new(new ValidationError(message, ["input", field], code));

    public static MutationRefusedException NotFound(string id, string what) =>
        new(new NotFoundError($"No {what} has the id '{id}'.", id));

    public static MutationRefusedException Conflict(string what, long currentVersion) =>
        new(new ConflictError($"The {what} was changed by someone else (now version {currentVersion}); read it again and retry.", checked((int)currentVersion)));
}
