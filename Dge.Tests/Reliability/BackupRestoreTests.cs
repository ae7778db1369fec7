using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Api.Backup;
using Dge.Api.Data.Providers;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// The backup and restore commands against the real host process: a backup taken while clients keep writing holds the
/// database of one moment (every write acknowledged before it began, none begun after it ended, and exactly what its
/// manifest says), restores to exactly that, and the host serves the restored database; restore refuses a running host
/// and files that are not sound DgeGraph databases; backup never replaces a file unasked.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const int Writers = 3;

    // Codes of the load's themes: BK, the writer, a sequence number (codes are at most 10 characters).
    private const string LoadPrefix = "BK";

    // Acknowledged writes wanted before the backup starts and after it ends, so both sides of the moment are tested.
    private const int WritesAround = 30;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Backup_DuringWriteLoad_HoldsOneMomentAndRestoresToExactlyIt()
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var folder = Path.GetDirectoryName(live)!;
        var backup = Path.Combine(folder, $"{Guid.NewGuid():N}.backup.db");
        List<Write> writes;
        CommandResult made;
        long backupStarted, backupFinished;
        using (var host = HostProcess.StartWithAdmin(live, seedScale: 1))
        {
            await host.WaitUntilReadyAsync(ReadyTimeout);
            var key = await host.CreateApiKeyAsync("Editor");
            using var stop = new CancellationTokenSource();
            var acknowledged = new Acknowledged();
            var load = Enumerable.Range(0, Writers).Select(writer => WriteThemesAsync(host, key, writer, acknowledged, stop.Token)).ToList();
            await acknowledged.WaitForAsync(WritesAround);

            backupStarted = Stopwatch.GetTimestamp();
            made = await ApiCommand.RunAsync(live, "backup", backup);
            backupFinished = Stopwatch.GetTimestamp();
            await acknowledged.WaitForAsync(acknowledged.Count + WritesAround);
            await stop.CancelAsync();
            writes = [.. (await Task.WhenAll(load)).SelectMany(w => w)];
            await host.KillAsync();
        }

        output.WriteLine(made.ToString());
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Contains("Backup written: " + backup, made.Output, StringComparison.Ordinal);
        Assert.Empty(TemporaryFilesOf(live, backup));
        Assert.Equal("ok", await IntegrityAsync(backup));

        // One moment: what was acknowledged before the command started is in the copy, what started after it ended is not,
        // and each writer's themes in it are a prefix of what it wrote (one writer's commits are in order).
        var inBackup = await LoadThemesAsync(backup);
        var ackedBefore = writes.Where(w => w.Acknowledged < backupStarted).ToList();
        var startedAfter = writes.Where(w => w.Started > backupFinished).ToList();
        output.WriteLine($"{writes.Count} writes acknowledged: {ackedBefore.Count} before the backup started, {startedAfter.Count} started after it ended, {inBackup.Count} in the backup; backup took {Stopwatch.GetElapsedTime(backupStarted, backupFinished).TotalSeconds:F1} s.");
        Assert.NotEmpty(ackedBefore);
        Assert.NotEmpty(startedAfter);
        Assert.All(ackedBefore, w => Assert.Contains(w.Code, inBackup));
        Assert.All(startedAfter, w => Assert.DoesNotContain(w.Code, inBackup));
        foreach (var writer in writes.GroupBy(w => w.Writer))
        {
            var present = writer.OrderBy(w => w.Sequence).Select(w => inBackup.Contains(w.Code)).ToList();
            Assert.True(present.SkipWhile(p => p).All(p => !p), $"Writer {writer.Key}'s themes in the backup are not a prefix of its writes: {string.Join("", present.Select(p => p ? '1' : '0'))}");
        }

        // The manifest and the host's log describe this copy.
        var backupCounts = await RowCountsAsync(backup);
        var manifest = (await DatabaseBackup.ReadManifestAsync(backup, CancellationToken.None))!;
        Assert.Equal(backupCounts, manifest.RowCounts);
        Assert.Equal(await ChecksumAsync(backup), manifest.Checksum);
        var logged = Assert.Single(await BackupLog.ReadAsync(live, CancellationToken.None));
        Assert.Equal((backup, manifest.Checksum, new FileInfo(backup).Length), (logged.File, logged.Checksum, logged.SizeBytes));

        // Restored over the killed host's database as it was left, write-ahead log and all.
        var restored = await ApiCommand.RunAsync(live, "restore", backup);

        output.WriteLine(restored.ToString());
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.False(File.Exists(live + "-wal"), "The replaced database's write-ahead log outlived it.");
        Assert.Equal(manifest.RowCounts, await RowCountsAsync(live));
        Assert.Equal(manifest.Checksum, await ChecksumAsync(live));

        // The replaced database, kept to undo the restore, holds every acknowledged write, and is the backup's moment plus
        // exactly the themes (and their audit entries) committed after it: the copy is the live database as of that moment.
        var previous = Assert.Single(Directory.EnumerateFiles(folder, Path.GetFileName(live) + ".before-restore-*"));
        Assert.Contains(previous, restored.Output, StringComparison.Ordinal);
        Assert.Equal(writes.Select(w => w.Code).Order(StringComparer.Ordinal), (await LoadThemesAsync(previous)).Order(StringComparer.Ordinal));
        var previousCounts = await RowCountsAsync(previous);
        var later = writes.Count - inBackup.Count;
        Assert.Equal(previousCounts.Keys, backupCounts.Keys);
        Assert.All(previousCounts, table => Assert.Equal(
            table.Key is "Themes" or "AuditEntries" ? later : 0,
            table.Value - backupCounts[table.Key]));

        using (var host = HostProcess.StartWithAdmin(live, seedScale: 1))
        {
            await host.WaitUntilReadyAsync(ReadyTimeout);
            await host.KillAsync();
        }

        Assert.Equal("ok", await IntegrityAsync(live));
        Assert.Equal(manifest.RowCounts, await RowCountsAsync(live));
        Assert.Equal(manifest.Checksum, await ChecksumAsync(live));
    }

    [Fact]
    public async Task Restore_WhileHostRuns_IsRefusedAndChangesNothing()
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var backup = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        using var host = HostProcess.StartWithAdmin(live, seedScale: 1);
        await host.WaitUntilReadyAsync(ReadyTimeout);
        var before = await ChecksumAsync(live);

        var refused = await ApiCommand.RunAsync(live, "restore", backup);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("A host is running on " + live, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(live)!, Path.GetFileName(live) + ".before-restore-*"));
        Assert.Equal(before, await ChecksumAsync(live));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));

        // The lock dies with the host, kill -9 included: the same restore now goes through.
        await host.KillAsync();
        var done = await ApiCommand.RunAsync(live, "restore", backup);
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Equal(await ChecksumAsync(backup), await ChecksumAsync(live));
    }

    [Theory]
    [InlineData("text", "is not a SQLite database")]
    [InlineData("damaged", "cannot be read as a database|is damaged")]
    [InlineData("foreign", "not a DgeGraph one")]
    [InlineData("newer", "written by a newer version")]
    public async Task Restore_FileThatIsNotASoundDgeGraphDatabase_IsRefusedAndChangesNothing(string kind, string reason)
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var file = await UnsoundFileAsync(kind);
        var before = await ChecksumAsync(live);

        var refused = await ApiCommand.RunAsync(live, "restore", file);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Matches(reason, refused.Error);
        Assert.Contains("Nothing was changed.", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        var folder = Path.GetDirectoryName(live)!;
        Assert.Empty(Directory.EnumerateFiles(folder, Path.GetFileName(live) + ".before-restore-*"));
        Assert.Empty(TemporaryFilesOf(live));
        Assert.Equal(before, await ChecksumAsync(live));
    }

    [Fact]
    public async Task Backup_ToExistingFile_IsRefusedWithoutForceAndReplacedWithIt()
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var existing = Path.Combine(Path.GetDirectoryName(live)!, $"{Guid.NewGuid():N}.existing.db");
        await File.WriteAllTextAsync(existing, "an earlier backup, to be kept");

        var refused = await ApiCommand.RunAsync(live, "backup", existing);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"{existing} exists already; add --force to replace it.", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal("an earlier backup, to be kept", await File.ReadAllTextAsync(existing));
        Assert.Empty(await BackupLog.ReadAsync(live, CancellationToken.None));

        var forced = await ApiCommand.RunAsync(live, "backup", existing, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("ok", await IntegrityAsync(existing));
        Assert.Equal(await ChecksumAsync(live), await ChecksumAsync(existing));
    }

    [Theory]
    [InlineData("backup", null, "Usage: backup <file> [--force]")]
    [InlineData("restore", null, "Usage: restore <file>")]
    [InlineData("backup", "missing-folder/copy.db", "does not exist; create it first.")]
    [InlineData("restore", "missing-file.db", "There is no file")]
    public async Task Command_BadArguments_SaysWhatIsWrongAndExitsWithOne(string command, string? file, string message)
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        string[] args = file is null ? [command] : [command, Path.Combine(Path.GetDirectoryName(live)!, file)];

        var result = await ApiCommand.RunAsync(live, args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    private static async Task<List<Write>> WriteThemesAsync(HostProcess host, string key, int writer, Acknowledged acknowledged, CancellationToken stop)
    {
        using var client = host.Client(key);
        var writes = new List<Write>();
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var code = $"{LoadPrefix}{writer}{sequence:D5}";
            var request = new
            {
                query = "mutation($input: CreateThemeInput!) { createTheme(input: $input) { theme { code } errors { __typename } } }",
                variables = new { input = new { code, nameDa = $"Belastning {code}", nameEn = $"Load {code}", category = "backup-test" } },
            };
            var started = Stopwatch.GetTimestamp();

            // Not cancelled once sent: every write the test counts was answered, so it is known to be committed.
            using var response = await client.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var answered = Stopwatch.GetTimestamp();
            using var json = JsonDocument.Parse(body);
            var created = json.RootElement.TryGetProperty("data", out var data) && data.GetProperty("createTheme").GetProperty("theme") is { ValueKind: JsonValueKind.Object } theme
                ? theme.GetProperty("code").GetString()
                : null;
            Assert.True(created == code, $"createTheme {code} was not acknowledged: {body}");
            writes.Add(new Write(writer, sequence, code, started, answered));
            acknowledged.Add();
        }

        return writes;
    }

    private static async Task<string> UnsoundFileAsync(string kind)
    {
        var path = TestDatabases.NewPath(DatabaseProvider.Sqlite);
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(path, "name;email\nsomeone;someone@example.test\n");
                break;
            case "damaged":
                File.Copy(await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite), path, overwrite: true);
                await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    // A run of pages in the middle of the file overwritten, as a failing disk or a bad copy would.
                    stream.Position = stream.Length / 2 / 4096 * 4096;
                    await stream.WriteAsync(Enumerable.Repeat((byte)0xA5, 4096 * 4).ToArray());
                }

                break;
            case "foreign":
                await using (var connection = new SqliteConnection(TestDatabases.ConnectionString(path)))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('not DgeGraph');";
                    await command.ExecuteNonQueryAsync();
                }

                break;
            case "newer":
                File.Copy(await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite), path, overwrite: true);
                await using (var db = TestDatabases.Open(path))
                {
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromANewerVersion', '99.0.0');");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return path;
    }

    private static async Task<HashSet<string>> LoadThemesAsync(string path)
    {
        await using var db = TestDatabases.Open(path);
        return [.. await db.Themes.Where(t => t.Code.StartsWith(LoadPrefix)).Select(t => t.Code).ToListAsync()];
    }

    private static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(string path)
    {
        await using var db = TestDatabases.Open(path);
        return await DatabaseContent.RowCountsAsync(db);
    }

    private static async Task<string> ChecksumAsync(string path)
    {
        await using var db = TestDatabases.Open(path);
        return await DatabaseContent.HashAsync(db);
    }

    // The temporary files the commands would leave beside these files: the folder is shared with the other tests, which
    // may be taking backups of their own meanwhile.
    private static List<string> TemporaryFilesOf(params string[] paths) =>
        [.. paths.SelectMany(path => Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.tmp")
            .Where(file => Path.GetFileName(file).Contains(Path.GetFileName(path), StringComparison.Ordinal)))];

    private static async Task<string> IntegrityAsync(string path)
    {
        await using var connection = new SqliteConnection(TestDatabases.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    /// <summary>How many writes all writers have had acknowledged so far.</summary>
    private sealed class Acknowledged
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);

        public async Task WaitForAsync(int wanted)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (Count < wanted)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Only {Count} of {wanted} writes acknowledged in 2 minutes.");
                await Task.Delay(20);
            }
        }
    }

    /// <summary>One acknowledged createTheme: who sent it, its place in that writer's order, and when it was sent and answered.</summary>
    private sealed record Write(int Writer, int Sequence, string Code, long Started, long Acknowledged);
}
