using Dge.Api.Access;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// One mutation, as an area declares it: <c>Name(input: NameInput!): NamePayload!</c>. The payload carries the result in
/// <see cref="ResultField"/>, the errors (a union of <see cref="Errors"/>, plus <c>ValidationError</c> and
/// <c>ForbiddenError</c>, which any mutation can return) and the warnings. <see cref="Run"/> is the domain operation:
/// it loads and changes tracked entities through the <see cref="WriteTransaction"/>, refuses by throwing
/// <see cref="MutationRefusedException"/>, and returns the changed entity; the engine saves, audits and commits.
/// </summary>
public sealed class MutationDefinition<TInput, TResult>
    where TInput : class
    where TResult : class
{
    /// <summary>verbNoun, e.g. <c>createGroup</c>; also the audit's operation name.</summary>
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The payload field holding the changed entity, e.g. <c>group</c>.</summary>
    public required string ResultField { get; init; }

    /// <summary>The GraphQL type of the changed entity, e.g. <c>DgeGroup</c>.</summary>
    public required string ResultType { get; init; }

    /// <summary>The input's fields; names match <typeparamref name="TInput"/>'s properties.</summary>
    public required IReadOnlyList<InputField> Input { get; init; }

    /// <summary>The error types the operation may return besides validation and forbidden, e.g. <c>NotFoundError</c>.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The role a caller needs: Editor for changes to the graph, Admin for users and keys.</summary>
    public string Role { get; init; } = Roles.Editor;

    /// <summary>
    /// Whether the mutation commits alone instead of sharing a commit with the writers queued around it (SQLite's group
    /// commit): one that may run long (an import), so that the writers before it are not kept waiting for their answers.
    /// </summary>
    public bool WritesAlone { get; init; }

    public required Func<WriteTransaction, TInput, CancellationToken, Task<TResult>> Run { get; init; }
}

/// <summary>A field of a mutation's input: its name, its type in SDL (<c>ID!</c>, <c>[ID!]</c>, <c>Date</c>) and its description.</summary>
public sealed record InputField(string Name, string Type, string Description);
