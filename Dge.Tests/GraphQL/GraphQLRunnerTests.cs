using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Dge.Api.GraphQL;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dge.Tests.GraphQL;

/// <summary>
/// The execution timeout and the client's leaving stop the work, down to the running SQL statement, on the real host
/// over loopback. "Stopped" is measured as the process's CPU time, which a runaway statement grows by about a second
/// per second.
/// </summary>
[Collection(CpuMeasuredCollection.Name)]
public sealed class GraphQLRunnerTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// List filters nested five deep: SQLite needs minutes for it on the national database. It is here because it is
    /// expensive yet accepted; should the cost analysis refuse it, raise its limit in <see cref="AcceptExpensiveQueries"/>.
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
        await using var host = await StartAsync(Timeout, logs);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var request = client.PostAsJsonAsync("graphql", new { query = ExpensiveQuery }, _testDeadline.Token);
        var cpuWhileRunning = await RunningStatementCpuAsync();

        using var response = await request;
        var cpuAfterTimeout = await CpuWhileWatchedAsync(Grace);

        output.WriteLine($"CPU in {Watch.TotalSeconds} s while the statement ran: {cpuWhileRunning.TotalSeconds:0.00} s; from {Grace.TotalSeconds} s after the timeout: {cpuAfterTimeout.TotalSeconds:0.00} s");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLRunner.TimeoutCode, await GraphQLHttp.ErrorCodeAsync(response));
        AssertStopped(cpuWhileRunning, cpuAfterTimeout);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Category == typeof(GraphQLRunner).FullName);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Post_ClientDisconnects_StopsTheStatement()
    {
        var logs = new CollectingLoggerProvider();
        await using var host = await StartAsync(TimeSpan.FromMinutes(10), logs);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(_testDeadline.Token);
        var request = client.PostAsJsonAsync("graphql", new { query = ExpensiveQuery }, leave.Token);
        var cpuWhileRunning = await RunningStatementCpuAsync();

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        var cpuAfterLeaving = await CpuWhileWatchedAsync(Grace);

        output.WriteLine($"CPU in {Watch.TotalSeconds} s while the statement ran: {cpuWhileRunning.TotalSeconds:0.00} s; from {Grace.TotalSeconds} s after the client left: {cpuAfterLeaving.TotalSeconds:0.00} s");
        AssertStopped(cpuWhileRunning, cpuAfterLeaving);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    private static void AssertStopped(TimeSpan cpuWhileRunning, TimeSpan cpuAfterwards) =>
        Assert.True(
            cpuAfterwards < cpuWhileRunning * MaxShareOfRunningCpu,
            $"The process used {cpuAfterwards.TotalSeconds:0.00} s of CPU in {Watch.TotalSeconds} s once the statement should have stopped, against {cpuWhileRunning.TotalSeconds:0.00} s while it ran.");

    private async Task<LiveDgeHost> StartAsync(TimeSpan timeout, CollectingLoggerProvider logs)
    {
        var settings = new Dictionary<string, string>(AcceptExpensiveQueries)
        {
            ["Dge:GraphQL:ExecutionTimeout"] = timeout.ToString(),
        };
        return await LiveDgeHost.StartAsync(
            await TestDatabases.CopyNationalAsync(),
            settings,
            services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<IInterceptor>(_statements),
            _testDeadline.Token);
    }

    /// <summary>The CPU the process uses in <see cref="Watch"/> from the start of the expensive statement.</summary>
    private async Task<TimeSpan> RunningStatementCpuAsync()
    {
        await _statements.Started.WaitAsync(_testDeadline.Token);
        return await CpuWhileWatchedAsync(TimeSpan.Zero);
    }

    /// <summary>The CPU the process uses in <see cref="Watch"/>, starting <paramref name="after"/> from now.</summary>
    private async Task<TimeSpan> CpuWhileWatchedAsync(TimeSpan after)
    {
        await Task.Delay(after, _testDeadline.Token);
        var before = ProcessCpu.Take();
        await Task.Delay(Watch, _testDeadline.Token);
        return ProcessCpu.WorkBetween(before, ProcessCpu.Take());
    }

    /// <summary>Tells when the host starts the expensive statement, the only one with nested EXISTS.</summary>
    private sealed class StatementStarts : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("EXISTS", StringComparison.Ordinal))
            {
                _started.TrySetResult();
            }

            return ValueTask.FromResult(result);
        }
    }
}
