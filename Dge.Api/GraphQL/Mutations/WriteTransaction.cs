using System.Runtime.CompilerServices;
using System.Security.Claims;
using Dge.Api.Data;
using Dge.Api.Data.Durability;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Relay;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// One mutation's unit of work: its own context and transaction, the caller, today, and the warnings the operation
/// reports. The operation changes tracked entities and refuses with <see cref="MutationRefusedException"/>; the engine
/// saves, has the areas' <see cref="IChangeRecorder"/>s record the changes (the audit) and commits, or rolls everything back.
/// </summary>
public sealed partial class WriteTransaction
{
    private readonly List<Warning> _warnings = [];
    private bool _rollBack;
    private MutationError? _rollBackError;

    private WriteTransaction(DgeDbContext db, ModelRegistry models, ClaimsPrincipal user, IServiceProvider services, string operation, DateOnly today, DateTime now)
    {
        Db = db;
        Services = services;
        Models = models;
        User = user;
        Operation = operation;
        Today = today;
        Now = now;
    }

    public DgeDbContext Db { get; }

    public ModelRegistry Models { get; }

    public ClaimsPrincipal User { get; }

    /// <summary>The request's services, for the few operations that need more than the database (Identity's password rules).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The mutation's name, e.g. updateGroup.</summary>
    public string Operation { get; }

    /// <summary>Today in the host's time zone: the default day of dated changes.</summary>
    public DateOnly Today { get; }

    /// <summary>The moment of the change (UTC), as the change records keep it.</summary>
    public DateTime Now { get; }

    public IReadOnlyList<Warning> Warnings => _warnings;

    public void Warn(string code, string message) => _warnings.Add(new Warning(code, message));

    private readonly List<Func<Task>> _afterRefusal = [];

    private readonly List<Action> _afterCommit = [];

    /// <summary>
    /// Work that must follow the change once it is committed, and not before: e.g. forgetting what a cache read before it.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>
    /// Work that must happen because the mutation is refused, after its transaction is rolled back (so it is not undone
    /// with it): e.g. counting a wrong password toward the lockout.
    /// </summary>
    public void AfterRefusal(Func<Task> action) => _afterRefusal.Add(action);

    /// <summary>
    /// Has the engine save and audit the change as usual, so the database's own checks run too, and then roll it back
    /// instead of committing: a dry run, or a batch in which some item broke a rule. The payload still carries the
    /// operation's result (which must then name nothing the rollback removed), and <paramref name="error"/> if given.
    /// </summary>
    public void RollBackWhenDone(MutationError? error = null)
    {
        _rollBack = true;
        _rollBackError = error;
    }

    /// <summary>
    /// Marks <paramref name="entity"/> as changed even when only rows that belong to it changed (a material's themes, a
    /// group's memberships), so its version moves and a caller holding the old one gets a conflict.
    /// An entity added in this transaction stays added: it has no version yet.
    /// </summary>
    public void Touch(Entity entity)
    {
        var entry = Db.Entry(entity);
        if (entry.State == EntityState.Unchanged)
        {
            entry.State = EntityState.Modified;
        }
    }

    /// <summary>
    /// The entity a global id in the input names, tracked for change: a malformed id or one of another type is a
    /// <see cref="ValidationError"/> on <paramref name="field"/>, an unknown one a <see cref="NotFoundError"/>.
    /// </summary>
    public async Task<T> FindAsync<T>(string id, string field, CancellationToken cancellationToken)
        where T : Entity
    {
        var typeName = Models.For<T>().Name;
        var key = NodeId.KeyOf(id, typeName)
            ?? throw MutationRefusedException.Invalid(field, "INVALID_ID", $"'{id}' is not the id of a {typeName}.");
        return await ById<T>.Find(Db, key, cancellationToken)
            ?? throw MutationRefusedException.NotFound(id, typeName);
    }

    /// <summary>
    /// The tracked entity with a key, by a query compiled once per type and model: most mutations look one or two up, inside
    /// the write lock, and a compiled query skips EF Core's walk of the expression and its cache lookup on every call. A
    /// compiled query serves only the model it was first run with, and one process can hold several (SQLite's compiled model,
    /// PostgreSQL's, a model built at run time), so each model has its own.
    /// </summary>
    private static class ById<T>
        where T : Entity
    {
        private static readonly ConditionalWeakTable<IModel, Func<DgeDbContext, int, CancellationToken, Task<T?>>> Queries = [];

        public static Task<T?> Find(DgeDbContext db, int key, CancellationToken cancellationToken) =>
            Queries.GetValue(db.Model, _ => EF.CompileAsyncQuery((DgeDbContext context, int id, CancellationToken token) => context.Set<T>().FirstOrDefault(e => e.Id == id)))(db, key, cancellationToken);
    }

    /// <summary>The entities a list of global ids names, each once, in the order given; the first bad id refuses the change.</summary>
    public async Task<IReadOnlyList<T>> FindAllAsync<T>(IEnumerable<string> ids, string field, CancellationToken cancellationToken)
        where T : Entity
    {
        var found = new List<T>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            found.Add(await FindAsync<T>(id, field, cancellationToken));
        }

        return found;
    }

    /// <summary>Refuses the change unless the caller read the entity's current version.</summary>
    public void ExpectVersion(Entity entity, int expectedVersion)
    {
        if (entity.Version != expectedVersion)
        {
            throw MutationRefusedException.Conflict(Models.NameOf(entity.GetType()), entity.Version);
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> in one transaction and records what it changed in that transaction. A refusal,
    /// a concurrent writer or a constraint the validation missed leaves nothing written, and comes back as the error.
    /// </summary>
    public static async Task<MutationPayload> RunAsync<TResult>(
        IDbContextFactory<DgeDbContext> factory,
        ModelRegistry models,
        ClaimsPrincipal user,
        IServiceProvider services,
        string operationName,
        DateOnly today,
        DateTime now,
        ILogger logger,
        Func<WriteTransaction, CancellationToken, Task<TResult>> operation,
        CancellationToken cancellationToken)
        where TResult : class
    {
        var recorders = models.Areas.Select(a => a.ChangeRecorder).OfType<IChangeRecorder>().ToList();
        if (recorders.Select(r => r.Refusal(user)).OfType<string>().FirstOrDefault() is { } refusal)
        {
            return MutationPayload.Refused(new ForbiddenError(refusal));
        }

        // One write transaction at a time in this process, in arrival order, so writers queue fairly instead of polling for
        // SQLite's lock.
        using var turn = await services.GetRequiredService<WriterQueue>().EnterAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // A failed save rolls back the whole transaction here, so EF Core's savepoint before each save inside it is a round
        // trip for nothing; and when the client has left, creating it fails on the cancelled token and EF Core logs that at
        // error level, as if the server had failed.
        db.Database.AutoSavepointsEnabled = false;
        var postgres = db.Database.IsNpgsql();
        // READ COMMITTED on PostgreSQL whatever the server's default: each statement then sees what the writer before
        // committed, which the lock below relies on (a snapshot taken before the lock was granted would not).
        await using var transaction = postgres
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken)
            : await db.Database.BeginTransactionAsync(cancellationToken);
        if (postgres)
        {
            // Several instances write to one PostgreSQL database: each write transaction first takes this lock, which the
            // server releases at commit or rollback, so writes run one at a time across all of them, as SQLite's one
            // writer does, and every rule a mutation checks before it writes still holds when it commits. A writer waits
            // for it as long as a SQLite writer waits for the file's lock (Dge:Database:BusyTimeout), then answers
            // SERVER_BUSY (lock_timeout, 55P03). PostgreSQL reads 0 ms as no limit, where SQLite's 0 means not to wait: 1 ms
            // at least keeps "do not wait" meaning that.
            //
            // An instance that freezes holding the lock (a stopped process, a paused machine) would hold up every instance's
            // writes until the server noticed the dead connection. No write transaction is idle for longer than an operation
            // may run (Dge:GraphQL:ExecutionTimeout, after which it is rolled back), so the server ends a session idle that
            // long inside it (idle_in_transaction_session_timeout), which rolls it back and frees the lock.
            var wait = $"{Math.Max(1, (int)services.GetRequiredService<DurabilityOptions>().BusyTimeout.TotalMilliseconds)}ms";
            var idle = $"{Math.Max(1000, (int)Math.Min(int.MaxValue, IdleLimit(services).TotalMilliseconds))}ms";
            await db.Database.ExecuteSqlAsync(
                $"SELECT set_config('lock_timeout', {wait}, true), set_config('idle_in_transaction_session_timeout', {idle}, true); SELECT pg_advisory_xact_lock({PostgresWriteLock})",
                cancellationToken);
        }

        var write = new WriteTransaction(db, models, user, services, operationName, today, now);
        try
        {
            var result = await operation(write, cancellationToken);
            var records = recorders.Select(r => r.Capture(write)).ToList();
            await db.SaveChangesAsync(cancellationToken);
            var changes = records.SelectMany(record => record()).ToList();
            db.AddRange(changes);
            await db.SaveChangesAsync(cancellationToken);
            if (write._rollBack)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new MutationPayload(result, write._rollBackError is { } error ? [error] : null, write.Warnings);
            }

            // Not cancelled half-way: a commit the server may already have made must not be answered as a timeout.
            await transaction.CommitAsync(CancellationToken.None);
            services.GetService<RequestCommits>()?.Record(operationName, changes.OfType<Audit.AuditEntry>());
            services.GetService<CommittedEntities>()?.Record(db);
            foreach (var action in write._afterCommit)
            {
                action();
            }

            return new MutationPayload(result, null, write.Warnings);
        }
        catch (MutationRefusedException refused)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            foreach (var action in write._afterRefusal)
            {
                await action();
            }

            return MutationPayload.Refused(refused.Error);
        }
        catch (DbUpdateConcurrencyException concurrent)
        {
            var entry = concurrent.Entries[0];
            var current = await entry.GetDatabaseValuesAsync(cancellationToken);
            var version = current?.GetValue<long>(nameof(Entity.Version)) ?? 0;
            return MutationPayload.Refused(MutationRefusedException.Conflict(models.NameOf(entry.Entity.GetType()), version).Error);
        }
        catch (DbUpdateException failed) when (ConstraintCode(failed.InnerException) is { } code)
        {
            // The operation validates first; reaching here means a rule is missing from it. The client still gets a typed answer.
            LogConstraintViolation(logger, operationName, failed.InnerException!.Message);
            return MutationPayload.Refused(new ValidationError(
                "The change conflicts with existing data (a value that must be unique, or a reference to something that does not exist).",
                ["input"],
                code));
        }
    }

    /// <summary>How long a PostgreSQL write transaction may sit idle before the server ends it: the execution timeout.</summary>
    private static TimeSpan IdleLimit(IServiceProvider services) =>
        services.GetService<Microsoft.Extensions.Options.IOptions<GraphQLExecutionOptions>>()?.Value.ExecutionTimeout ?? new GraphQLExecutionOptions().ExecutionTimeout;

    /// <summary>The advisory lock every write transaction on PostgreSQL holds until it ends ("DGEW" in ASCII).</summary>
    public const long PostgresWriteLock = 0x44474557;

    private const int ConstraintViolation = 19;
    private const int UniqueViolation = 2067;

    /// <summary>DUPLICATE or CONSTRAINT for a database's refusal of a row, on either provider; null for any other failure.</summary>
    private static string? ConstraintCode(Exception? exception) => exception switch
    {
        SqliteException { SqliteErrorCode: ConstraintViolation } sqlite => sqlite.SqliteExtendedErrorCode == UniqueViolation ? "DUPLICATE" : "CONSTRAINT",
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => "DUPLICATE",
        PostgresException postgres when postgres.SqlState.StartsWith("23", StringComparison.Ordinal) => "CONSTRAINT",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mutation {Operation} hit a database constraint its validation did not catch: {Constraint}")]
    private static partial void LogConstraintViolation(ILogger logger, string operation, string constraint);
}

/// <summary>What every mutation returns: the changed entity, or the errors; and the norms the change leaves unmet.</summary>
public sealed record MutationPayload(object? Entity, IReadOnlyList<MutationError>? Errors, IReadOnlyList<Warning> Warnings)
{
    public static MutationPayload Refused(MutationError error) => new(null, [error], []);
}
