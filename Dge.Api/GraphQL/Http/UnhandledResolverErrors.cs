using Dge.Api.Data;
using Dge.Api.GraphQL.Limits;
using GraphQL;
using GraphQL.Execution;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// What a client (of /graphql or the admin shell) sees of an exception no resolver expected: GraphQL.NET's
/// "Error trying to resolve field" message and the stable code <c>INTERNAL_ERROR</c>, never the exception's message,
/// type or stack, except in Development, where <c>extensions.details</c> carries them. The exception itself is logged.
/// </summary>
public static partial class UnhandledResolverErrors
{
    public const string Code = "INTERNAL_ERROR";

    public static Task HandleAsync(UnhandledExceptionContext context, ExecutionOptions options)
    {
        var services = options.RequestServices ?? throw new InvalidOperationException("GraphQL operations run with the request's services.");
        var field = context.FieldContext?.FieldAst.Name.StringValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnhandledResolverErrors));

        // A busy database is neither the client's mistake nor a crash: the write waited its bounded turn and another
        // connection still held the lock (or, on PostgreSQL, this instance was paused holding it and the server ended its
        // transaction). Nothing of that write was saved: the client gets SERVER_BUSY (503 with Retry-After), the log a warning.
        if (DatabaseFailure.Locked(context.OriginalException) is { } busy)
        {
            LogDatabaseBusy(logger, field ?? "(none)", options.OperationName ?? "(unnamed)", busy.Message);
            context.Exception = LimitError.DatabaseBusy();
            return Task.CompletedTask;
        }

        LogUnhandled(logger, context.OriginalException, field ?? "(none)", options.OperationName ?? "(unnamed)");

        // The error info provider decides whether the inner exception's details are shown (Development only).
        var message = field is null ? "Error executing the operation." : $"Error trying to resolve field '{field}'.";
        context.Exception = new ExecutionError(message, context.OriginalException) { Code = Code };
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database was busy resolving field {Field} of GraphQL operation {OperationName} (a lock held past the wait for it, or a write transaction the server ended); nothing of that write was saved; answered SERVER_BUSY. {Reason}")]
    private static partial void LogDatabaseBusy(ILogger logger, string field, string operationName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception resolving field {Field} of GraphQL operation {OperationName}.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string field, string operationName);
}
