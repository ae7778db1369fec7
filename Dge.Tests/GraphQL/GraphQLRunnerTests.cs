using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL;

/// <summary>
/// The execution timeout and the client's leaving stop the work, down to the running SQL statement, on the real host
/// over loopback, on either provider. On SQLite, which runs the statement in this process, "stopped" is measured as the
/// process's CPU time, which a runaway statement grows by about a second per second, and as the command ended. On
/// PostgreSQL it is the statement no longer active in the server (<c>pg_stat_activity</c>).
/// </summary>
[Collection(CpuMeasuredCollection.Name)]
public sealed class GraphQLRunnerTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// List filters nested five deep: SQLite needs minutes for it on the national database. It is here because it is
    /// expensive yet accepted; should the cost analysis refuse it, raise its limit in <see cref="AcceptExpensiveQueries"/>.
    /// PostgreSQL answers it in under a second (it turns the EXISTS into joins and starts from the name no one has), so
    /// there the test makes the statement wait instead: see <see cref="HoldMeetingAttendancesAsync"/>.
    /// </summary>
    private const string ExpensiveQuery =
        """{ meetings(where: { attendees: { some: { meetingsAttended: { some: { attendees: { some: { meetingsAttended: { some: { attendees: { some: { lastName: { startsWith: "x" } } } } } } } } } } } }) { totalCount } }""";

    private static readonly Dictionary<string, string> AcceptExpensiveQueries = new()
    {
        ["Dge:GraphQL:MaxComplexity"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // Priced at one item per list, five nested list filters cost little enough to pass the raised limit.
        ["Dge:GraphQL:ListFilterFanout"] = "1",
    };

    /// <summary>Time the work gets to stop after the timeout or the disconnect, as the issue asks.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>How long the process is watched while the statement runs, and again once it should have stopped.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Long enough for the statement to be watched running before it times out. The stopped process must use under a
    /// quarter of the CPU the running statement used in as long: a ratio, because on a machine shared with other work
    /// the statement gets less than a core, and a statement left running would keep using what it got.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const double MaxShareOfRunningCpu = 0.25;

    private readonly CancellationTokenSource _testDeadline = new(TimeSpan.FromMinutes(3));

    private readonly StatementStarts _statements = new();

    public void Dispose() => _testDeadline.Dispose();

    [Fact]
    public async Task Post_QueryRunsPastTheTimeout_AnswersTimeoutAndStopsTheStatement()
    {
        var logs = new CollectingLoggerProvider();
        var database = await TestDatabases.CopyNationalAsync();
        await using var host = await StartAsync(database, Timeout, logs);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        await using var hold = await HoldMeetingAttendancesAsync(database);
        var request = client.PostAsJsonAsync("graphql", new { query = ExpensiveQuery }, _testDeadline.Token);
        var workWhileRunning = await RunningStatementWorkAsync(database);

        using var response = await request;
        var workAfterTimeout = await WorkWhileWatchedAsync(database, Grace);

        output.WriteLine($"Work in {Watch.TotalSeconds} s while the statement ran: {workWhileRunning}; from {Grace.TotalSeconds} s after the timeout: {workAfterTimeout}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLRunner.TimeoutCode, await GraphQLHttp.ErrorCodeAsync(response));
        AssertStopped(workWhileRunning, workAfterTimeout);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Category == typeof(GraphQLRunner).FullName);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Post_ClientDisconnects_StopsTheStatement()
    {
        var logs = new CollectingLoggerProvider();
        var database = await TestDatabases.CopyNationalAsync();
        await using var host = await StartAsync(database, TimeSpan.FromMinutes(10), logs);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(_testDeadline.Token);
        await using var hold = await HoldMeetingAttendancesAsync(database);
        var request = client.PostAsJsonAsync("graphql", new { query = ExpensiveQuery }, leave.Token);
        var workWhileRunning = await RunningStatementWorkAsync(database);

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        var workAfterLeaving = await WorkWhileWatchedAsync(database, Grace);

        output.WriteLine($"Work in {Watch.TotalSeconds} s while the statement ran: {workWhileRunning}; from {Grace.TotalSeconds} s after the client left: {workAfterLeaving}");
        AssertStopped(workWhileRunning, workAfterLeaving);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    private static void AssertStopped(StatementWork whileRunning, StatementWork afterwards)
    {
        Assert.True(whileRunning.RunningAtEnd, "The statement ended by itself before the watch did: it cannot show a stop.");
        Assert.False(afterwards.RunningAtStart || afterwards.RunningAtEnd, "The statement was still running once it should have stopped.");
        if (whileRunning.Cpu is { } running && afterwards.Cpu is { } after)
        {
            Assert.True(
                after < running * MaxShareOfRunningCpu,
                $"The process used {after.TotalSeconds:0.00} s of CPU in {Watch.TotalSeconds} s once the statement should have stopped, against {running.TotalSeconds:0.00} s while it ran.");
        }
    }

    private async Task<LiveDgeHost> StartAsync(string database, TimeSpan timeout, CollectingLoggerProvider logs)
    {
        var settings = new Dictionary<string, string>(AcceptExpensiveQueries)
        {
            ["Dge:GraphQL:ExecutionTimeout"] = timeout.ToString(),
        };
        return await LiveDgeHost.StartAsync(
            database,
            settings,
            services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<IInterceptor>(_statements),
            _testDeadline.Token);
    }

    /// <summary>The work in <see cref="Watch"/> from the start of the expensive statement.</summary>
    private async Task<StatementWork> RunningStatementWorkAsync(string database)
    {
        await _statements.Started.WaitAsync(_testDeadline.Token);
        while (TestDatabases.ProviderOf(database) == DatabaseProvider.Postgres && !await IsActiveOnServerAsync(database))
        {
            // The host has yet to reach the server with it.
            await Task.Delay(50, _testDeadline.Token);
        }

        return await WorkWhileWatchedAsync(database, TimeSpan.Zero);
    }

    /// <summary>
    /// What the statement does in <see cref="Watch"/>, starting <paramref name="after"/> from now. SQLite runs it in the
    /// host, this process: the CPU the process uses, and whether the statement's command has ended. PostgreSQL runs it in
    /// a server process, where it waits for <see cref="HoldMeetingAttendancesAsync"/>'s lock: whether
    /// <c>pg_stat_activity</c> shows it active at both ends of the watch.
    /// </summary>
    private async Task<StatementWork> WorkWhileWatchedAsync(string database, TimeSpan after)
    {
        await Task.Delay(after, _testDeadline.Token);
        if (TestDatabases.ProviderOf(database) != DatabaseProvider.Postgres)
        {
            var runningAtStart = !_statements.Ended.IsCompleted;
            var before = ProcessCpu.Take();
            await Task.Delay(Watch, _testDeadline.Token);
            return new StatementWork(ProcessCpu.WorkBetween(before, ProcessCpu.Take()), runningAtStart, !_statements.Ended.IsCompleted);
        }

        var activeAtStart = await IsActiveOnServerAsync(database);
        await Task.Delay(Watch, _testDeadline.Token);
        return new StatementWork(null, activeAtStart, await IsActiveOnServerAsync(database));
    }

    /// <summary>
    /// On PostgreSQL, a transaction of the test's own that holds an exclusive lock on the attendances until disposed:
    /// the host's statement waits in the server for as long as the test likes, as SQLite's runs. What is tested is the
    /// host's part, that the server is told to stop the statement; a wait stops the same way a busy statement does. On
    /// SQLite, nothing.
    /// </summary>
    private static async Task<IAsyncDisposable> HoldMeetingAttendancesAsync(string database)
    {
        if (TestDatabases.ProviderOf(database) != DatabaseProvider.Postgres)
        {
            return new NothingHeld();
        }

        var connection = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE \"MeetingAttendances\" IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Whether the server runs the expensive statement (the only one with EXISTS over the attendances) in the test's database.</summary>
    private static async Task<bool> IsActiveOnServerAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%EXISTS%' AND query LIKE '%"MeetingAttendances"%'""",
            connection);
        command.Parameters.AddWithValue(new NpgsqlConnectionStringBuilder(TestDatabases.ConnectionString(database)).Database!);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>CPU used where it can be measured (null on PostgreSQL), and whether the statement runs at each end of the watch.</summary>
    private sealed record StatementWork(TimeSpan? Cpu, bool RunningAtStart, bool RunningAtEnd)
    {
        public override string ToString() =>
            $"{(Cpu is { } cpu ? $"{cpu.TotalSeconds:0.00} s of CPU, " : string.Empty)}{(RunningAtStart ? "running" : "not running")} at the start, {(RunningAtEnd ? "running" : "not running")} at the end";
    }

    private sealed class NothingHeld : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Tells when the host starts the expensive statement, the only one with EXISTS over the attendances, and when it fails, is cancelled or its reader is let go.</summary>
    private sealed class StatementStarts : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public Task Ended => _ended.Task;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (IsTheStatement(command))
            {
                _started.TrySetResult();
            }

            return ValueTask.FromResult(result);
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
        {
            End(command);
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            End(command);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData)
        {
            End(command);
        }

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            End(command);
            return Task.CompletedTask;
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            End(command);
            return result;
        }

        private static bool IsTheStatement(DbCommand command) =>
            command.CommandText.Contains("EXISTS", StringComparison.Ordinal) && command.CommandText.Contains("\"MeetingAttendances\"", StringComparison.Ordinal);

        private void End(DbCommand command)
        {
            if (IsTheStatement(command))
            {
                _ended.TrySetResult();
            }
        }
    }
}
