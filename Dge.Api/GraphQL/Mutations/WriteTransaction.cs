using System.Runtime.CompilerServices;
using System.Security.Claims;
using Dge.Api.Data;
using Dge.Api.Data.Durability;
using Dge.Api.Data.Providers;
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

    /// <summary>
    /// The tracked entities with a short list of keys, by a query compiled once per type and model, as <see cref="ById{T}"/>.
    /// On SQLite a compiled query binds a variable per key (EF Core does not allow one parameter for the whole list there), so
    /// only a list of at most <see cref="Most"/> keys is read this way; a longer one is read by a query of its own, with the
    /// keys in one parameter, since one variable each would exceed SQLite's limit in a long enough list.
    /// </summary>
    private static class ByIds<T>
        where T : Entity
    {
        public const int Most = 64;

        private static readonly ConditionalWeakTable<IModel, Func<DgeDbContext, int[], IAsyncEnumerable<T>>> Queries = [];

        public static async Task<Dictionary<int, T>> FindAsync(DgeDbContext db, int[] keys, CancellationToken cancellationToken)
        {
            if (keys.Length > Most)
            {
                return await db.Set<T>().Where(e => EF.Parameter(keys).Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            }

            var query = Queries.GetValue(db.Model, _ => EF.CompileAsyncQuery((DgeDbContext context, int[] ids) => context.Set<T>().Where(e => ids.Contains(e.Id))));
            var found = new Dictionary<int, T>(keys.Length);
            await foreach (var entity in query(db, keys).WithCancellation(cancellationToken))
            {
                found.Add(entity.Id, entity);
            }

            return found;
        }
    }

    /// <summary>
    /// The entities a list of global ids names, each once (two spellings of one id are one), in the order given, tracked for
    /// change; the first bad id refuses the change (a malformed one on <paramref name="field"/>, an unknown one as not
    /// found), as if each were looked up in turn. One statement reads them all (<see cref="ByIds{T}"/>).
    /// </summary>
    public async Task<IReadOnlyList<T>> FindAllAsync<T>(IEnumerable<string> ids, string field, CancellationToken cancellationToken)
        where T : Entity
    {
        var typeName = Models.For<T>().Name;
        var named = new List<(string Id, int Key)>();
        var seen = new HashSet<int>();
        MutationRefusedException? malformed = null;
        foreach (var id in ids)
        {
            if (NodeId.KeyOf(id, typeName) is not { } key)
            {
                malformed = MutationRefusedException.Invalid(field, "INVALID_ID", $"'{id}' is not the id of a {typeName}.");
                break;
            }

            if (seen.Add(key))
            {
                named.Add((id, key));
            }
        }

        if (named.Count == 1)
        {
            var one = await ById<T>.Find(Db, named[0].Key, cancellationToken) ?? throw MutationRefusedException.NotFound(named[0].Id, typeName);
            return malformed is null ? [one] : throw malformed;
        }

        var keys = named.Select(n => n.Key).ToArray();
        var found = keys.Length == 0 ? [] : await ByIds<T>.FindAsync(Db, keys, cancellationToken);
        var missing = named.FirstOrDefault(n => !found.ContainsKey(n.Key));
        if (missing.Id is not null)
        {
            throw MutationRefusedException.NotFound(missing.Id, typeName);
        }

        return malformed is null ? [.. named.Select(n => found[n.Key])] : throw malformed;
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
        CancellationToken cancellationToken,
        bool writesAlone = false)
        where TResult : class
    {
        var recorders = models.Areas.Select(a => a.ChangeRecorder).OfType<IChangeRecorder>().ToList();
        if (recorders.Select(r => r.Refusal(user)).OfType<string>().FirstOrDefault() is { } refusal)
        {
            return MutationPayload.Refused(new ForbiddenError(refusal));
        }

        // One write transaction at a time in this process, in arrival order, so writers queue fairly instead of polling for
        // the database's lock; on SQLite, the writers that queue meanwhile share the transaction and its commit.
        var queue = services.GetRequiredService<WriterQueue>();
        var durability = services.GetRequiredService<DurabilityOptions>();
        await using var scope = services.GetRequiredService<StoreSettings>().IsSqlite
            ? await SharedCommit.JoinAsync(queue, factory, durability, writesAlone, cancellationToken)
            : await OwnTransaction.BeginAsync(queue, factory, durability, IdleLimit(services), cancellationToken);
        var write = new WriteTransaction(scope.Db, models, user, services, operationName, today, now);
        var outcome = await RunInAsync(scope, write, models, recorders, logger, operation, cancellationToken);
        // Work that follows a refusal writes outside the transaction (counting a wrong password): it runs once the transaction
        // has ended, so it does not wait for the write lock, and before the next writer takes it. A failure there is the
        // answer instead of the refusal: a wrong password that could not be counted must not tell its sender that it was
        // wrong (a busy database answers SERVER_BUSY).
        var failure = await scope.EndAsync(outcome.Refused && write._afterRefusal.Count > 0
            ? async () =>
            {
                foreach (var action in write._afterRefusal)
                {
                    await action();
                }
            }
            : null);
        if (outcome.Changes is null)
        {
            return outcome.Payload;
        }

        if (failure is not null)
        {
            throw new WriteNotCommittedException(failure);
        }

        services.GetService<RequestCommits>()?.Record(operationName, outcome.Changes.OfType<Audit.AuditEntry>());
        if (outcome.Held is not null)
        {
            services.GetService<CommittedEntities>()?.Add(outcome.Held);
        }

        foreach (var action in write._afterCommit)
        {
            action();
        }

        return outcome.Payload;
    }

    /// <summary>What a writer did in its scope: its answer, and when it kept its changes, their audit entries and what it held.</summary>
    private sealed record Outcome(MutationPayload Payload, IReadOnlyList<object>? Changes = null, CommittedEntities.Snapshot? Held = null, bool Refused = false);

    private static async Task<Outcome> RunInAsync<TResult>(
        WriteScope scope,
        WriteTransaction write,
        ModelRegistry models,
        List<IChangeRecorder> recorders,
        ILogger logger,
        Func<WriteTransaction, CancellationToken, Task<TResult>> operation,
        CancellationToken cancellationToken)
        where TResult : class
    {
        var db = scope.Db;
        try
        {
            var result = await operation(write, cancellationToken);

            // The operation's changes are found once: from here the recorders only read them and the saves only write them
            // (the audit entries go in by a statement of their own), so nothing changes behind the tracker's back.
            db.ChangeTracker.DetectChanges();
            var changes = await SaveAsync(scope, write, recorders, cancellationToken);
            var created = changes.Created;

            if (write._rollBack)
            {
                await scope.UndoAsync();
                return new Outcome(new MutationPayload(result, write._rollBackError is { } error ? [error] : null, write.Warnings));
            }

            var held = CommittedEntities.Take(db, models, created);
            await scope.KeepAsync();
            return new Outcome(new MutationPayload(result, null, write.Warnings), changes.Entries, held, false);
        }
        catch (MutationRefusedException refused)
        {
            await scope.UndoAsync();
            return new Outcome(MutationPayload.Refused(refused.Error), Refused: true);
        }
        catch (DbUpdateConcurrencyException concurrent)
        {
            var entry = concurrent.Entries[0];
            var current = await entry.GetDatabaseValuesAsync(cancellationToken);
            var version = current?.GetValue<long>(nameof(Entity.Version)) ?? 0;
            await scope.UndoAsync();
            return new Outcome(MutationPayload.Refused(MutationRefusedException.Conflict(models.NameOf(entry.Entity.GetType()), version).Error));
        }
        catch (DbUpdateException failed) when (ConstraintCode(failed.InnerException) is { } code)
        {
            // The operation validates first; reaching here means a rule is missing from it. The client still gets a typed answer.
            LogConstraintViolation(logger, write.Operation, failed.InnerException!.Message);
            await scope.UndoAsync();
            return new Outcome(MutationPayload.Refused(new ValidationError(
                "The change conflicts with existing data (a value that must be unique, or a reference to something that does not exist).",
                ["input"],
                code)));
        }
    }

    /// <summary>
    /// Saves the operation's changes and then writes their audit entries (in one statement: <see cref="Audit.AuditRows"/>),
    /// with the tracker's detection of changes off (the caller has just detected them): the entries the recorders made, and
    /// the entities the save created.
    /// </summary>
    private static async Task<(List<Entity> Entries, HashSet<Entity> Created)> SaveAsync(
        WriteScope scope, WriteTransaction write, List<IChangeRecorder> recorders, CancellationToken cancellationToken)
    {
        var db = scope.Db;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var records = recorders.Select(r => r.Capture(write)).ToList();
            var created = CommittedEntities.Creating(db);
            await db.SaveChangesAsync(scope.ForWrites(cancellationToken));
            var changes = records.SelectMany(record => record()).ToList();
            if (changes.Any(c => c is not Audit.AuditEntry))
            {
                db.AddRange(changes.Where(c => c is not Audit.AuditEntry));
                await db.SaveChangesAsync(scope.ForWrites(cancellationToken));
            }

            await Audit.AuditRows.InsertAsync(db, [.. changes.OfType<Audit.AuditEntry>()], scope.ForWrites(cancellationToken));
            return (changes, created);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
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
