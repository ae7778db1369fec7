namespace Dge.Api.GraphQL;

/// <summary>Configuration section <c>Dge:GraphQL</c>: how long one operation may run before it is stopped.</summary>
public sealed class GraphQLExecutionOptions
{
    public const string Section = "Dge:GraphQL";

    /// <summary>Longest time an operation may run; past it the work stops and the client gets a <c>TIMEOUT</c> error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
