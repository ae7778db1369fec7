using System.Data.Common;
using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.Data.Durability;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Groups;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;

namespace Dge.Tests.GraphQL.Mutations;

/// <summary>
/// On SQLite the writers that queue while one writes share its transaction and one commit (<c>SharedCommit</c>). Each test
/// holds a first writer inside its transaction until the others have queued behind it, so they meet in one transaction
/// for certain, and then checks what each was answered and what the database holds.
/// </summary>
public sealed class SharedCommitTests
{
    [Fact]
    public async Task RunAsync_WritersQueuedBehindOne_ShareOneCommitAndNoneIsAnsweredBeforeIt()
    {
        await using var host = await WritersHost.StartAsync();
        bool? firstAnsweredWhileSecondWrote = null;

        var (first, release) = await host.HeldWriterAsync(0);
        await host.QueuedAsync(
            () => host.RenameAsync(1, () => firstAnsweredWhileSecondWrote = first.IsCompleted),
            () => host.RenameAsync(2));
        var commitsWhenAnswered = new[] { first, host.Queued[0], host.Queued[1] }.Select(writer => writer.ContinueWith(_ => host.Commits.Count, TaskScheduler.Default)).ToList();
        release();
        var payloads = await Task.WhenAll(first, host.Queued[0], host.Queued[1]);

        Assert.All(payloads, payload => Assert.Null(payload.Errors));
        Assert.False(firstAnsweredWhileSecondWrote);
        Assert.Equal(new[] { 1, 1, 1 }, await Task.WhenAll(commitsWhenAnswered));
        Assert.Equal(1, host.Commits.Count);
        Assert.Equal(new[] { true, true, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_WriterBetweenTwoOthersFailsOnAConstraintAfterWriting_UndoesOnlyItsOwnChanges()
    {
        await using var host = await WritersHost.StartAsync();

        var writers = await host.BehindAHeldWriterAsync(
            () => host.RunAsync(async (write, token) =>
            {
                // Written inside the shared transaction, then a group of a KAP unit that does not exist fails the save.
                var group = await write.Db.Groups.SingleAsync(g => g.Id == host.GroupIds[1], token);
                group.Name = host.NewName(1);
                await write.Db.SaveChangesAsync(CancellationToken.None);
                write.Db.Groups.Add(new DgeGroup { Name = "Uden enhed", Kind = GroupKind.Dge, KapUnitId = int.MaxValue, From = new DateOnly(2025, 3, 1) });
                return group;
            }),
            () => host.RenameAsync(2));
        var payloads = await Task.WhenAll(writers);

        Assert.Null(payloads[0].Errors);
        Assert.Equal("CONSTRAINT", Assert.IsType<ValidationError>(Assert.Single(payloads[1].Errors!)).Code);
        Assert.Null(payloads[2].Errors);
        Assert.Equal(1, host.Commits.Count);
        Assert.Equal(new[] { true, false, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_DryRunBetweenTwoOthers_LeavesNothingOfItsOwnAndTheirsCommitted()
    {
        await using var host = await WritersHost.StartAsync();

        var writers = await host.BehindAHeldWriterAsync(
            () => host.RunAsync(async (write, token) =>
            {
                var group = await write.Db.Groups.SingleAsync(g => g.Id == host.GroupIds[1], token);
                group.Name = host.NewName(1);
                write.RollBackWhenDone();
                return group;
            }),
            () => host.RenameAsync(2));
        var payloads = await Task.WhenAll(writers);

        Assert.All(payloads, payload => Assert.Null(payload.Errors));
        Assert.Equal(1, host.Commits.Count);
        Assert.Equal(new[] { true, false, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_WriterCancelledBetweenTwoOthers_ThrowsAndTheOthersAreCommitted()
    {
        await using var host = await WritersHost.StartAsync();
        using var clientLeaves = new CancellationTokenSource();

        var writers = await host.BehindAHeldWriterAsync(
            () => host.RenameAsync(1, () => clientLeaves.Cancel(), clientLeaves.Token),
            () => host.RenameAsync(2));

        Assert.Null((await writers[0]).Errors);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writers[1]);
        Assert.Null((await writers[2]).Errors);
        Assert.Equal(1, host.Commits.Count);
        Assert.Equal(new[] { true, false, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_SharedCommitFails_EveryWriterGetsTheFailureAndNothingIsWritten()
    {
        await using var host = await WritersHost.StartAsync();
        host.Commits.FailNext();

        var writers = await host.BehindAHeldWriterAsync(() => host.RenameAsync(1), () => host.RenameAsync(2));

        foreach (var writer in writers)
        {
            var failed = await Assert.ThrowsAsync<WriteNotCommittedException>(() => writer);
            Assert.Equal(ConstraintFailed, Assert.IsType<SqliteException>(failed.InnerException).SqliteErrorCode);
        }

        Assert.Equal(new[] { false, false, false }, await host.RenamedAsync(0, 1, 2));
        Assert.Null((await host.RenameAsync(1)).Errors);
        Assert.Equal(new[] { false, true, false }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_WriterThatWritesAloneQueuedBehindOthers_CommitsTheirsFirstAndItsOwnAlone()
    {
        await using var host = await WritersHost.StartAsync();
        bool[]? committedBeforeItWrote = null;

        var writers = await host.BehindAHeldWriterAsync(
            () => host.RenameAsync(1),
            () => host.RunAsync(
                async (write, token) =>
                {
                    committedBeforeItWrote = await host.RenamedAsync(0, 1);
                    var group = await write.Db.Groups.SingleAsync(g => g.Id == host.GroupIds[2], token);
                    group.Name = host.NewName(2);
                    return group;
                },
                writesAlone: true));
        var payloads = await Task.WhenAll(writers);

        Assert.All(payloads, payload => Assert.Null(payload.Errors));
        Assert.Equal(new[] { true, true }, committedBeforeItWrote);
        Assert.Equal(2, host.Commits.Count);
        Assert.Equal(new[] { true, true, true }, await host.RenamedAsync(0, 1, 2));
    }

    /// <summary>
    /// The work that follows a refusal (counting a wrong password) writes on a connection of its own: it runs once the shared
    /// transaction has committed the writers before it, so it finds the write lock free, and before the next writer starts.
    /// </summary>
    [Fact]
    public async Task RunAsync_RefusedWriterWithWorkAfterTheRefusal_RunsItAfterTheCommitAndBeforeTheNextWriter()
    {
        await using var host = await WritersHost.StartAsync();
        var nextStarted = false;
        bool? nextStartedAfterTheWork = null;
        int? waitingAfterTheWork = null;
        bool[]? committedBeforeTheWork = null;

        var writers = await host.BehindAHeldWriterAsync(
            () => host.RunAsync((write, token) =>
            {
                write.AfterRefusal(async () =>
                {
                    committedBeforeTheWork = await host.RenamedAsync(0);
                    await host.RenameOutsideAsync(1);
                    // The next writer still waits for the turn: this work has it.
                    (nextStartedAfterTheWork, waitingAfterTheWork) = (nextStarted, host.Waiting);
                });
                throw MutationRefusedException.Invalid("name", "REFUSED", "Refused by the test.");
            }),
            () => host.RenameAsync(2, () => nextStarted = true));
        var payloads = await Task.WhenAll(writers);

        Assert.Null(payloads[0].Errors);
        Assert.Equal("REFUSED", Assert.IsType<ValidationError>(Assert.Single(payloads[1].Errors!)).Code);
        Assert.Null(payloads[2].Errors);
        Assert.False(nextStartedAfterTheWork);
        Assert.Equal(1, waitingAfterTheWork);
        Assert.Equal(new[] { true }, committedBeforeTheWork);
        Assert.Equal(new[] { true, true, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Fact]
    public async Task RunAsync_SharedCommitWindowPassed_TheWriterThatFinishesCommits()
    {
        await using var host = await WritersHost.StartAsync(window: TimeSpan.Zero);

        var writers = await host.BehindAHeldWriterAsync(() => host.RenameAsync(1), () => host.RenameAsync(2));
        var payloads = await Task.WhenAll(writers);

        Assert.All(payloads, payload => Assert.Null(payload.Errors));
        Assert.Equal(3, host.Commits.Count);
        Assert.Equal(new[] { true, true, true }, await host.RenamedAsync(0, 1, 2));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    public async Task RunAsync_WritesPerCommit_BoundsTheWritersOfOneCommit(int writesPerCommit, int commits)
    {
        await using var host = await WritersHost.StartAsync(writesPerCommit);

        var writers = await host.BehindAHeldWriterAsync(() => host.RenameAsync(1), () => host.RenameAsync(2));
        var payloads = await Task.WhenAll(writers);

        Assert.All(payloads, payload => Assert.Null(payload.Errors));
        Assert.Equal(commits, host.Commits.Count);
        Assert.Equal(new[] { true, true, true }, await host.RenamedAsync(0, 1, 2));
    }

    /// <summary>The host on a SQLite copy of the national data (whatever the test run's provider), with its commits counted.</summary>
    private sealed class WritersHost : IAsyncDisposable
    {
        private readonly DgeAppFactory _factory;
        private readonly List<Task<MutationPayload>> _queued = [];

        private WritersHost(DgeAppFactory factory, CommitCounter commits, int[] groupIds)
        {
            _factory = factory;
            Commits = commits;
            GroupIds = groupIds;
        }

        public CommitCounter Commits { get; }

        public int[] GroupIds { get; }

        public IReadOnlyList<Task<MutationPayload>> Queued => _queued;

        /// <summary>How many writers wait for the turn.</summary>
        public int Waiting => Services.GetRequiredService<WriterQueue>().Waiting;

        private IServiceProvider Services => _factory.Services;

        /// <summary>
        /// The window for joining a commit is <paramref name="window"/>, or long enough by default that writers held on purpose
        /// still meet in one commit on a slow machine.
        /// </summary>
        public static async Task<WritersHost> StartAsync(int? writesPerCommit = null, TimeSpan? window = null)
        {
            var commits = new CommitCounter();
            var settings = new Dictionary<string, string>
            {
                ["Dge:Database:SharedCommitWindow"] = (window ?? TimeSpan.FromMinutes(5)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            };
            if (writesPerCommit is { } writes)
            {
                settings["Dge:Database:WritesPerCommit"] = writes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var factory = new DgeAppFactory(
                await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite),
                configureServices: services => services.AddSingleton<IInterceptor>(commits),
                settings: settings);
            (await factory.CreateReadyClientAsync()).Dispose();
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
            var groupIds = await db.Groups.OrderBy(g => g.Id).Select(g => g.Id).Take(3).ToArrayAsync();
            commits.Arm();
            return new WritersHost(factory, commits, groupIds);
        }

        public string NewName(int group) => $"Omdøbt i en fælles commit {GroupIds[group]}";

        /// <summary>A writer renaming the group that stops inside its transaction, before its save, until released.</summary>
        public async Task<(Task<MutationPayload> Writer, Action Release)> HeldWriterAsync(int group)
        {
            var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = Task.Run(() => RenameAsync(group, async () =>
            {
                inside.SetResult();
                await release.Task;
            }));
            await inside.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return (writer, release.SetResult);
        }

        /// <summary>
        /// Holds a writer renaming the first group inside its transaction, queues <paramref name="writers"/> behind it in
        /// order and lets it go: every writer's task, the held one first.
        /// </summary>
        public async Task<Task<MutationPayload>[]> BehindAHeldWriterAsync(params Func<Task<MutationPayload>>[] writers)
        {
            var (held, release) = await HeldWriterAsync(0);
            await QueuedAsync(writers);
            release();
            return [held, .. _queued];
        }

        /// <summary>Starts each writer in turn once the one before waits for the turn, so they queue in this order.</summary>
        public async Task QueuedAsync(params Func<Task<MutationPayload>>[] writers)
        {
            var queue = Services.GetRequiredService<WriterQueue>();
            foreach (var writer in writers)
            {
                _queued.Add(Task.Run(writer));
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (queue.Waiting < _queued.Count)
                {
                    Assert.True(DateTime.UtcNow < deadline, "The writer did not queue for the turn.");
                    await Task.Delay(5);
                }
            }
        }

        public Task<MutationPayload> RenameAsync(int group, Action? beforeTheSave = null, CancellationToken cancellationToken = default) =>
            RenameAsync(group, () =>
            {
                beforeTheSave?.Invoke();
                return Task.CompletedTask;
            }, cancellationToken);

        private Task<MutationPayload> RenameAsync(int group, Func<Task> beforeTheSave, CancellationToken cancellationToken = default) =>
            DirectWrites.RenameGroupAsync(Services, GroupIds[group], NewName(group), beforeTheSave, cancellationToken);

        /// <summary>Renames the group on a connection of its own, outside the writers' queue, as work after a refusal does.</summary>
        public async Task RenameOutsideAsync(int group)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
            var renamed = await db.Groups.SingleAsync(g => g.Id == GroupIds[group]);
            renamed.Name = NewName(group);
            await db.SaveChangesAsync();
        }

        public Task<MutationPayload> RunAsync(Func<WriteTransaction, CancellationToken, Task<DgeGroup>> operation, bool writesAlone = false) =>
            WriteTransaction.RunAsync(
                Services.GetRequiredService<IDbContextFactory<DgeDbContext>>(),
                Services.GetRequiredService<ModelRegistry>(),
                TestPrincipals.WithRole(Roles.Editor),
                Services,
                "renameGroup",
                DateOnly.FromDateTime(DateTime.Today),
                DateTime.UtcNow,
                NullLogger.Instance,
                operation,
                CancellationToken.None,
                writesAlone);

        /// <summary>For each group given, whether the database holds its new name.</summary>
        public async Task<bool[]> RenamedAsync(params int[] groups)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync();
            var names = await db.Groups.AsNoTracking().Where(g => GroupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name);
            return [.. groups.Select(group => names[GroupIds[group]] == NewName(group))];
        }

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>SQLite's result code for a COMMIT that a commit hook turned into a rollback.</summary>
    private const int ConstraintFailed = 19;

    /// <summary>
    /// Counts the commits SQLite makes once armed (its commit hook, on every connection the host opens), and fails the next
    /// one on request: SQLite then rolls the transaction back and its COMMIT fails, as on a failing disk.
    /// </summary>
    private sealed class CommitCounter : DbConnectionInterceptor
    {
        private readonly delegate_commit _onCommit;
        private int _armed;
        private int _count;
        private int _failNext;

        public CommitCounter() => _onCommit = OnCommit;

        public int Count => Volatile.Read(ref _count);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void FailNext() => Volatile.Write(ref _failNext, 1);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Hook(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Hook(connection);
            return Task.CompletedTask;
        }

        private void Hook(DbConnection connection)
        {
            if (connection is SqliteConnection sqlite)
            {
                raw.sqlite3_commit_hook(sqlite.Handle, _onCommit, null);
            }
        }

        private int OnCommit(object user_data)
        {
            if (Volatile.Read(ref _armed) == 0)
            {
                return 0;
            }

            if (Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                return 1;
            }

            Interlocked.Increment(ref _count);
            return 0;
        }
    }
}
