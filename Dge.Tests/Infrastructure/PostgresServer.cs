using System.Diagnostics;
using Npgsql;

namespace Dge.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use. <c>DGE_TEST_POSTGRES</c>, when set, is the Npgsql connection string of a role that
/// may create databases on a running server (<c>.ci/run</c> starts one and sets it). Without it, the first test that needs
/// the server starts one for this test run with <c>.ci/postgres</c> (its own data directory in the temp folder, loopback,
/// a free port) and stops it, deleting the directory, when the run ends. Either way it is a real server.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "DGE_TEST_POSTGRES";

    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the server's maintenance database, as a role that may create and drop databases.</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>
    /// A connection string to <paramref name="database"/>. Pooled, as the host's are, but idle connections close within
    /// seconds: a test run makes hundreds of databases, and their hosts' idle connections would otherwise fill the server.
    /// </summary>
    public static string ConnectionStringFor(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder(AdminConnectionString)
    {
        Database = database,
        Pooling = pooling,
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ToString();

    /// <summary>Runs <paramref name="sql"/> on the maintenance database, on a connection of its own.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            DropDatabases(given, processId => !IsRunning(processId));
            var server = new NpgsqlConnectionStringBuilder(given);
            OnRunEnd(() => StartDetached(
                "drop",
                $"dge_{Environment.ProcessId}",
                new()
                {
                    ["PGHOST"] = server.Host,
                    ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["PGUSER"] = server.Username,
                    ["PGPASSWORD"] = server.Password,
                }));
            return given;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"dge-tests-postgres-{Environment.ProcessId}");
        var script = Path.Combine(RepositoryPaths.Root, ".ci", "postgres");
        var (exitCode, output) = Run(script, "start", folder);
        if (exitCode != 0)
        {
            Run(script, "stop", folder);
            throw new InvalidOperationException($"Could not start PostgreSQL for the tests ({script} start): {output}");
        }

        OnRunEnd(() => StartDetached("stop", folder, []));
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>
    /// Ends what the run started on the server, its databases or the server itself: called when the test framework is
    /// disposed at the end of the run (<see cref="RunEndFramework"/>), or on process exit. The test runner kills the test
    /// process 100 ms after the last test, so the work is left to a process of its own (<c>.ci/postgres drop</c> or
    /// <c>stop</c>), which outlives this one; done in process, it was cut short and left the run's databases behind.
    /// </summary>
    public static void EndRun()
    {
        if (Interlocked.Exchange(ref _end, null) is { } end)
        {
            NpgsqlConnection.ClearAllPools();
            end();
        }
    }

    private static void StartDetached(string command, string argument, Dictionary<string, string?> environment)
    {
        // Its output goes nowhere: a pipe to this process would break when this process is gone.
        var start = new ProcessStartInfo(
            "bash", ["-c", "\"$0\" \"$@\" </dev/null >/dev/null 2>&1", Path.Combine(RepositoryPaths.Root, ".ci", "postgres"), command, argument])
        {
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start);
    }

    private static Action? _end;

    private static void OnRunEnd(Action end)
    {
        _end = end;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EndRun();
    }

    /// <summary>
    /// On a server that outlives test runs, the test databases (<c>dge_&lt;process id&gt;_…</c>, see <see cref="TestDatabases"/>)
    /// of the processes <paramref name="whose"/> picks: at the start those of earlier runs whose process is gone (killed
    /// before it could clean up), at the end the run's own. A server the run started goes with them.
    /// </summary>
    private static void DropDatabases(string admin, Func<int, bool> whose)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ToString());
        connection.Open();
        var names = new List<string>();
        using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'dge\\_%\\_%'", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            if (int.TryParse(name.Split('_')[1], out var processId) && whose(processId))
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static (int ExitCode, string Output) Run(string script, string command, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
