using System.Diagnostics;
using Dge.Api.Data;
using Dge.Api.Data.Durability;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// Where one mutation's changes are made and kept: the context and the transaction, the writer's turn, and the commit.
/// The mutation either keeps its changes (<see cref="KeepAsync"/>) or undoes them (<see cref="UndoAsync"/>), then
/// ends (<see cref="EndAsync"/>), which answers once what it kept is committed, or why it is not.
/// </summary>
internal abstract class WriteScope : IAsyncDisposable
{
    private bool _ended;

    public abstract DgeDbContext Db { get; }

    /// <summary>Whether this writer's changes are to be committed (<see cref="KeepAsync"/> succeeded).</summary>
    protected bool Kept { get; set; }

    /// <summary>Whether this writer's changes were undone.</summary>
    protected bool Undone { get; set; }

    /// <summary>The token for the statements that write: a write that shares its transaction cannot be interrupted.</summary>
    public abstract CancellationToken ForWrites(CancellationToken cancellationToken);

    /// <summary>Undoes this writer's changes, whatever they were.</summary>
    public abstract Task UndoAsync();

    /// <summary>Keeps this writer's changes: they are committed by <see cref="EndAsync"/> or before it answers.</summary>
    public abstract Task KeepAsync();

    /// <summary>
    /// Passes the turn on and waits until what this writer kept is committed: null, or the failure of that commit.
    /// Nothing kept is answered once the transaction it was part of has ended. <paramref name="withTheTurn"/>,
    /// when given, runs after that transaction has ended and before the turn passes on: work that writes outside the
    /// transaction (counting a wrong password) and must neither wait for the write lock nor be undone with the transaction.
    /// </summary>
    public Task<Exception?> EndAsync(Func<Task>? withTheTurn = null)
    {
        if (_ended)
        {
            throw new InvalidOperationException("A write scope ends once.");
        }

        _ended = true;
        return EndCoreAsync(withTheTurn);
    }

    protected abstract Task<Exception?> EndCoreAsync(Func<Task>? withTheTurn);

    /// <summary>Disposes <paramref name="disposable"/>: cleaning up after an outcome that is already decided never changes it.</summary>
    protected static async Task DisposeQuietlyAsync(IAsyncDisposable? disposable)
    {
        try
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // E.g. the rollback that disposing a transaction whose commit failed attempts: SQLite has already ended it.
        }
    }

    /// <summary>A writer that failed on the way undoes what it did and ends, so the turn and the transaction go on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        if (!Kept && !Undone)
        {
            try
            {
                await UndoAsync();
            }
            catch (Exception)
            {
                // The exception that brought the writer here is the one to report; ending the scope still undoes the
                // transaction (PostgreSQL's is rolled back when its connection closes, SQLite's shared one is marked failed).
            }
        }

        await EndAsync();
    }
}

/// <summary>
/// PostgreSQL: each mutation has its own context and transaction, and commits alone (the server shares a flush of its
/// log among the sessions committing at that moment). Writes take the process's turn and then the advisory lock that
/// makes them one at a time across every instance.
/// </summary>
internal sealed class OwnTransaction : WriteScope
{
    private readonly WriterQueue.Turn _turn;
    private readonly DgeDbContext _db;
    private readonly IDbContextTransaction _transaction;

    private OwnTransaction(WriterQueue.Turn turn, DgeDbContext db, IDbContextTransaction transaction)
    {
        _turn = turn;
        _db = db;
        _transaction = transaction;
    }

    public override DgeDbContext Db => _db;

    public static async Task<WriteScope> BeginAsync(
        WriterQueue queue, IDbContextFactory<DgeDbContext> factory, DurabilityOptions durability, TimeSpan idleLimit, CancellationToken cancellationToken)
    {
        var turn = await queue.EnterAsync(cancellationToken);
        DgeDbContext? db = null;
        IDbContextTransaction? transaction = null;
        try
        {
            db = await factory.CreateDbContextAsync(cancellationToken);

            // A failed save rolls back the whole transaction here, so EF Core's savepoint before each save inside it is a
            // round trip for nothing; and when the client has left, creating it fails on the cancelled token and EF Core
            // logs that at error level, as if the server had failed.
            db.Database.AutoSavepointsEnabled = false;

            // READ COMMITTED whatever the server's default: each statement then sees what the writer before committed,
            // which the lock below relies on (a snapshot taken before the lock was granted would not).
            transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

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
            var wait = $"{Math.Max(1, (int)durability.BusyTimeout.TotalMilliseconds)}ms";
            var idle = $"{Math.Max(1000, (int)Math.Min(int.MaxValue, idleLimit.TotalMilliseconds))}ms";
            await db.Database.ExecuteSqlAsync(
                $"SELECT set_config('lock_timeout', {wait}, true), set_config('idle_in_transaction_session_timeout', {idle}, true); SELECT pg_advisory_xact_lock({WriteTransaction.PostgresWriteLock})",
                cancellationToken);
            return new OwnTransaction(turn, db, transaction);
        }
        catch
        {
            await DisposeQuietlyAsync(transaction);
            await DisposeQuietlyAsync(db);
            turn.Dispose();
            throw;
        }
    }

    public override CancellationToken ForWrites(CancellationToken cancellationToken) => cancellationToken;

    public override async Task UndoAsync()
    {
        Undone = true;
        await _transaction.RollbackAsync(CancellationToken.None);
    }

    public override async Task KeepAsync()
    {
        try
        {
            // Not cancelled half-way: a commit the server may already have made must not be answered as a timeout.
            await _transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            // The transaction is over either way: rolling it back too would only log an error of its own.
            Undone = true;
            throw;
        }

        Kept = true;
    }

    protected override async Task<Exception?> EndCoreAsync(Func<Task>? withTheTurn)
    {
        try
        {
            await DisposeQuietlyAsync(_transaction);
            await DisposeQuietlyAsync(_db);
            if (withTheTurn is not null)
            {
                await withTheTurn();
            }
        }
        finally
        {
            _turn.Dispose();
        }

        return null;
    }
}

/// <summary>
/// SQLite: the writers that queue for the turn while one writes share its transaction, each inside a savepoint of its
/// own, and one commit: one sync of the log for all of them (group commit). A writer that finishes while another waits
/// passes the turn and the open transaction on; the last one, the <see cref="DurabilityOptions.WritesPerCommit"/>th, or
/// the first to finish once <see cref="DurabilityOptions.SharedCommitWindow"/> has passed since the first kept its
/// changes, commits. No writer is answered before that commit, so every acknowledged write is as durable as when each committed
/// alone; and a writer that is refused, fails or is cancelled rolls back to its savepoint, which leaves the others'
/// changes as they were.
/// </summary>
/// <remarks>
/// SQLite rolls back a whole transaction when a statement that writes is interrupted, so the writes of a shared
/// transaction are not interrupted (<see cref="ForWrites"/>): a cancelled writer stops before its save or after it and
/// undoes it. Its reads still stop at once. A failure that ends the transaction anyway (a disk that is full or fails)
/// shows when the next savepoint, rollback or the commit fails: the transaction is then rolled back, never committed, and
/// every writer that kept something in it gets the failure.
/// </remarks>
internal sealed class SharedCommit : WriteScope
{
    private const string Savepoint = "dge_write";

    private readonly WriterQueue _queue;
    private readonly WriterQueue.Turn _turn;
    private readonly Group _group;
    private readonly int _writesPerCommit;
    private readonly TimeSpan _window;

    private SharedCommit(WriterQueue queue, WriterQueue.Turn turn, Group group, int writesPerCommit, TimeSpan window)
    {
        _queue = queue;
        _turn = turn;
        _group = group;
        _writesPerCommit = writesPerCommit;
        _window = window;
    }

    public override DgeDbContext Db => _group.Db;

    /// <summary>
    /// Takes the turn and joins the transaction it carries, or begins one. A writer that <paramref name="writesAlone"/>
    /// first commits the transaction it is handed for the writers before it, and then passes no transaction on.
    /// </summary>
    public static async Task<WriteScope> JoinAsync(
        WriterQueue queue, IDbContextFactory<DgeDbContext> factory, DurabilityOptions durability, bool writesAlone, CancellationToken cancellationToken)
    {
        var turn = await queue.EnterAsync(cancellationToken);
        Group group;
        try
        {
            var carried = turn.Carried as Group;
            if (carried is not null && writesAlone)
            {
                await carried.EndAsync();
                carried = null;
            }

            group = carried ?? await Group.BeginAsync(factory, cancellationToken);
        }
        catch
        {
            turn.Dispose();
            throw;
        }

        var scope = new SharedCommit(queue, turn, group, writesAlone ? 1 : Math.Max(1, durability.WritesPerCommit), durability.SharedCommitWindow);
        try
        {
            // Each writer starts from what the database holds: the entities the writers before it tracked are theirs.
            group.Db.ChangeTracker.Clear();
            await group.Transaction.CreateSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception failed)
        {
            group.Failure ??= failed;
            scope.Undone = true;
            await scope.EndAsync();
            throw;
        }

        return scope;
    }

    public override CancellationToken ForWrites(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return CancellationToken.None;
    }

    public override async Task UndoAsync()
    {
        Undone = true;
        try
        {
            await _group.Transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            await _group.Transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception failed)
        {
            // What this writer changed may still be in the transaction: it must never be committed.
            _group.Failure ??= failed;
        }

        _group.Db.ChangeTracker.Clear();
    }

    public override async Task KeepAsync()
    {
        try
        {
            await _group.Transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception failed)
        {
            _group.Failure ??= failed;
            Undone = true;
            throw;
        }

        Kept = true;
    }

    protected override async Task<Exception?> EndCoreAsync(Func<Task>? withTheTurn)
    {
        _group.Writers++;
        if (Kept && _group.Kept++ == 0)
        {
            _group.FirstKept = Stopwatch.GetTimestamp();
        }

        var closed = withTheTurn is not null
            || _group.Failure is not null
            || _group.Writers >= _writesPerCommit
            || (_group.Kept > 0 && Stopwatch.GetElapsedTime(_group.FirstKept) >= _window);
        if (closed || !_queue.TryPass(_turn, _group))
        {
            try
            {
                await _group.EndAsync();
                if (withTheTurn is not null)
                {
                    await withTheTurn();
                }
            }
            finally
            {
                _turn.Dispose();
            }
        }

        return await _group.Ended;
    }

    /// <summary>One transaction shared by the writers that queued while it was open. Used by one writer at a time: the turn's.</summary>
    private sealed class Group
    {
        private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Group(DgeDbContext db, IDbContextTransaction transaction)
        {
            Db = db;
            Transaction = transaction;
        }

        public DgeDbContext Db { get; }

        public IDbContextTransaction Transaction { get; }

        /// <summary>The writers that took part, and those of them that kept their changes.</summary>
        public int Writers { get; set; }

        public int Kept { get; set; }

        /// <summary>When the first writer kept its changes (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long FirstKept { get; set; }

        /// <summary>Set once the transaction may hold something that must not be committed: it is then rolled back.</summary>
        public Exception? Failure { get; set; }

        /// <summary>Null once committed (or ended with nothing to commit), else the failure: for every writer that kept changes.</summary>
        public Task<Exception?> Ended => _ended.Task;

        public static async Task<Group> BeginAsync(IDbContextFactory<DgeDbContext> factory, CancellationToken cancellationToken)
        {
            var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                // Each writer has its own savepoint, which is all a failed save needs to undo: EF Core's savepoint before
                // each save would be a round trip for nothing.
                db.Database.AutoSavepointsEnabled = false;
                await db.Database.OpenConnectionAsync(cancellationToken);

                // Before BEGIN: SQLite decides where a transaction's savepoint journals go as the transaction begins.
                await SetTemporaryStoreAsync(db, InMemory, cancellationToken);
                return new Group(db, await db.Database.BeginTransactionAsync(cancellationToken));
            }
            catch
            {
                await ResetTemporaryStoreQuietlyAsync(db);
                await db.DisposeAsync();
                throw;
            }
        }

        public async Task EndAsync()
        {
            var failure = Failure;
            try
            {
                if (failure is null && Kept > 0)
                {
                    // Through EF Core, so its interceptors and diagnostics see the commit. Should anything of EF Core's fail
                    // after SQLite's COMMIT succeeded, the writers are told to read their change back before sending it
                    // again (WriteNotCommittedException), never that it is lost.
                    await Transaction.CommitAsync(CancellationToken.None);
                }
                else
                {
                    await Transaction.RollbackAsync(CancellationToken.None);
                }
            }
            catch (Exception failed) when (failure is null && Kept > 0)
            {
                failure = failed;
            }
            catch (Exception)
            {
                // A rollback that fails leaves nothing either: closing the connection below ends the transaction.
            }
            finally
            {
                await DisposeQuietlyAsync(Transaction);
                await ResetTemporaryStoreQuietlyAsync(Db);
                await DisposeQuietlyAsync(Db);
                _ended.SetResult(failure);
            }
        }

        // A savepoint keeps the pages its writer changes, to undo them, in a journal of its own: SQLite keeps it in memory
        // up to 64 KiB and then in a temporary file, which a writer of a few rows already fills (the file was created,
        // written and deleted on every commit: a third of the CPU of recording a meeting). With temporary storage in memory the
        // journal stays there. Only for the write's own transaction: the connection goes back to the pool afterwards, where a
        // read that sorts or groups more than fits in the cache should still spill to a file, not grow the process.
        private const string InMemory = "PRAGMA temp_store = MEMORY;";

        private const string Default = "PRAGMA temp_store = DEFAULT;";

        private static Task SetTemporaryStoreAsync(DgeDbContext db, string pragma, CancellationToken cancellationToken) =>
            SqliteFiles.ExecuteAsync((SqliteConnection)db.Database.GetDbConnection(), pragma, cancellationToken);

        private static async Task ResetTemporaryStoreQuietlyAsync(DgeDbContext db)
        {
            try
            {
                await SetTemporaryStoreAsync(db, Default, CancellationToken.None);
            }
            catch (Exception)
            {
                // The connection then keeps the setting, which only keeps a later read's spill in memory.
            }
        }
    }
}
