using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dge.Api.Data.Durability;
using Microsoft.Data.Sqlite;

namespace Dge.Benchmarks;

/// <summary>
/// What SQLite's <c>synchronous</c> setting costs a write: one small transaction (BEGIN IMMEDIATE, one row of an audit
/// entry's size, COMMIT) on a WAL database file, as the host commits each mutation. FULL syncs the log at every commit,
/// NORMAL only at checkpoints, OFF never (shown for the scale only: the host does not offer it).
/// </summary>
[Config(typeof(CommitConfig))]
[MemoryDiagnoser]
public class CommitBenchmarks
{
    private SqliteConnection _connection = null!;
    private string _path = string.Empty;
    private int _next;

    [Params("OFF", nameof(SynchronousMode.Normal), nameof(SynchronousMode.Full))]
    public string Synchronous { get; set; } = nameof(SynchronousMode.Full);

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "dge-benchmarks", $"commit-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _connection.Open();
        Execute($"PRAGMA journal_mode = WAL; PRAGMA synchronous = {Synchronous.ToUpperInvariant()}; CREATE TABLE Changes (Id INTEGER PRIMARY KEY, Entry TEXT NOT NULL);");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Description = "Commit one change")]
    public void Commit()
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Changes (Entry) VALUES ($entry)";
        command.Parameters.AddWithValue("$entry", $"{{\"operation\":\"updateGroup\",\"name\":\"Gruppe {_next++}\",\"version\":{_next}}}");
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // In process, as the view benchmarks; ten iterations, since a sync's time varies with the disk's other work.
    private sealed class CommitConfig : ManualConfig
    {
        public CommitConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10).WithId("InProcess"));
    }
}
