namespace Dge.Api.GraphQL;

/// <summary>Configuration section <c>Dge:GraphQL</c>: how long one operation may run before it is stopped, and whether planned reads are used.</summary>
public sealed class GraphQLExecutionOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Longest time an operation may run; past it the work stops and the client gets a <c>TIMEOUT</c> error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether trusted documents' queries run from their planned statements (<c>Planning/PlannedReads</c>) where they have one.</summary>
    public bool PlannedReads { get; set; } = true;
}
