using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Claims;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Documents;
using Dge.Api.GraphQL.Model;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dge.Api.GraphQL.Planning;

/// <summary>
/// Runs a trusted document's query from its <see cref="ReadPlan"/>, when it has one: the example operations and the admin
/// shell's documents are fixed by the build, so each is planned once, on first use, into one SQL statement per level.
/// A request gets the planned answer only when its document was validated before (<see cref="ValidatedDocuments"/>) and
/// its variables parse as the schema's types parse them; a plan that reads personal data runs only for callers with the
/// role it needs (the normal path answers the others, with its access errors). Everything else, and any value the plan does not bind (a null, a day out of range), runs the
/// normal way, which also gives every error. <c>Dge:GraphQL:PlannedReads</c> (default true) turns it off.
/// </summary>
public sealed partial class PlannedReads(
    TrustedDocumentRegistry trusted,
    ValidatedDocuments validated,
    ISchema schema,
    ModelRegistry models,
    IDbContextFactory<DgeDbContext> contexts,
    TimeProvider time,
    IOptions<GraphQLExecutionOptions> options,
    ILogger<PlannedReads> logger) : IConfigureExecution
{
    private readonly HashSet<string> _texts = [.. trusted.Documents.Select(d => d.Text)];
    private readonly ConcurrentDictionary<(string Query, string? OperationName), ReadPlan?> _plans = new();
    private long _served;

    /// <summary>After the validated documents' store (200), before the kept introspection answers (300).</summary>
    public float SortOrder => 250;

    /// <summary>How many requests were answered from a plan (for tests and diagnostics).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>The plan of a trusted document's operation, made on first use; null when it is not planned.</summary>
    public ReadPlan? PlanOf(string query, string? operationName, GraphQLDocument document) =>
        _plans.TryGetValue((query, operationName), out var plan) ? plan : _plans.GetOrAdd((query, operationName), _ =>
        {
            using var db = contexts.CreateDbContext();
            return ReadPlanner.Plan(document, operationName, schema, models, db);
        });

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        // Only trusted texts, and only operations the document has: the plans are bounded by the build's documents.
        if (!options.Value.PlannedReads || execution.Query is not { } query || !_texts.Contains(query)
            || execution.Document is not { } document || validated.Find(query) is null
            || DocumentParts.Operation(document, execution.OperationName) is not { } operation
            || PlanOf(query, execution.OperationName, document) is not { } plan)
        {
            return await next(execution);
        }

        return await RunAsync(plan, operation, execution.Variables, execution.User, execution.CancellationToken) ?? await next(execution);
    }

    /// <summary>
    /// Runs <paramref name="plan"/> of <paramref name="operation"/> with the request's variables for <paramref name="user"/>;
    /// null when the plan does not apply (the user lacks a role its answer needs, a variable does not parse, a null it would
    /// bind, a day out of range): the normal path then runs, and answers with its errors.
    /// </summary>
    public async Task<ExecutionResult?> RunAsync(ReadPlan plan, GraphQLOperationDefinition operation, Inputs? inputs, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (!plan.RequiredRoles.All(role => Roles.Has(user, role)) || Bind(operation, inputs) is not { } variables)
        {
            return null;
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var data = await plan.RunAsync(db, new PlanBindings(variables, DateOnly.FromDateTime(time.GetLocalNow().Date)), cancellationToken);
            Interlocked.Increment(ref _served);
            return new ExecutionResult { Data = data, Executed = true };
        }
        catch (PlanNotApplicableException)
        {
            return null;
        }
        catch (DbException interrupted) when (cancellationToken.IsCancellationRequested)
        {
            // As on the normal path: a statement interrupted on cancellation is the cancellation.
            throw new OperationCanceledException(interrupted.Message, interrupted, cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            // A planned read that fails (the database, or a fault of the plan) is answered by the normal path, which gives
            // the client its usual error, status and path if the failure is real; the plan's failure is ours to know of.
            LogPlanFailed(logger, operation.Name?.StringValue ?? "(unnamed)", failed);
            return null;
        }
    }

    /// <summary>The variables parsed by their declared types, or null when one does not parse (the normal path then says why).</summary>
    private Dictionary<string, object?>? Bind(GraphQLOperationDefinition operation, Inputs? inputs)
    {
        var values = new Dictionary<string, object?>();
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var name = definition.Variable.Name.StringValue;
            var nonNull = definition.Type is GraphQLNonNullType;
            var typeName = ((definition.Type as GraphQLNonNullType)?.Type ?? definition.Type) is GraphQLNamedType named ? named.Name.StringValue : null;
            if (typeName is null || schema.AllTypes[typeName] is not ScalarGraphType type)
            {
                return null;
            }

            object? raw = null;
            if (inputs?.TryGetValue(name, out raw) != true || raw is null)
            {
                if (nonNull)
                {
                    return null;
                }

                values[name] = null;
                continue;
            }

            try
            {
                values[name] = type.ParseValue(raw);
            }
            catch (Exception parse) when (parse is FormatException or ArgumentException or InvalidOperationException or OverflowException or InvalidCastException)
            {
                LogNotBound(logger, name, parse.GetType().Name);
                return null;
            }

            if (values[name] is null && nonNull)
            {
                return null;
            }
        }

        return values;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planned read of {OperationName} failed; the operation runs the normal way.")]
    private static partial void LogPlanFailed(ILogger logger, string operationName, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Planned read not used: variable {Variable} did not parse ({Reason}); the operation runs normally.")]
    private static partial void LogNotBound(ILogger logger, string variable, string reason);
}
