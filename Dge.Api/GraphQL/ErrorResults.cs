using GraphQL;

namespace Dge.Api.GraphQL;

/// <summary>A result that carries one error and no data: a request refused before anything ran, or work stopped.</summary>
public static class ErrorResults
{
    /// <summary><paramref name="executed"/> tells GraphQL-over-HTTP whether anything ran (a 200) or nothing did (a request error).</summary>
    public static ExecutionResult Of(ExecutionError error, bool executed = false)
    {
        var result = new ExecutionResult { Executed = executed };
        result.AddError(error);
        return result;
    }

    public static ExecutionResult Of(string code, string message) => Of(new ExecutionError(message) { Code = code });
}
