using Dge.Api.Backup;
using Dge.Api.Data.Providers;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>The host's scheduled backup (Dge:Backup): checked copies at each interval, and only the newest Keep of them kept.</summary>
public sealed class ScheduledBackupTests(ITestOutputHelper output)
{
    private const int Keep = 2;

    private const int Wanted = Keep + 2;

    [Fact]
    public async Task ScheduledBackup_ShortInterval_WritesCheckedCopiesAndKeepsTheNewest()
    {
        var live = await TestDatabases.CopyNationalAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(Path.GetDirectoryName(live)!, $"{Guid.NewGuid():N}-backups");
        IReadOnlyList<BackupRecord> log;
        using (var host = HostProcess.StartWithAdmin(live, seedScale: 1, new Dictionary<string, string>
        {
            ["Dge__Backup__Interval"] = "00:00:01",
            ["Dge__Backup__Directory"] = folder,
            ["Dge__Backup__Keep"] = Keep.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
            while ((await BackupLog.ReadAsync(live, CancellationToken.None)).Count < Wanted)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Fewer than {Wanted} scheduled backups in 150 s:\n{host.Output}");
                await Task.Delay(200);
            }

            await host.KillAsync();
            log = await BackupLog.ReadAsync(live, CancellationToken.None);
            output.WriteLine(host.Output);
        }

        // Each backup prunes after it is logged, so the newest Keep logged files exist and every older one is gone; the
        // kill may have caught one more copy between its rename and its log entry.
        var newest = log.Take(Keep).ToList();
        Assert.All(newest, record => Assert.Equal(folder, Path.GetDirectoryName(record.File)));
        foreach (var record in newest)
        {
            Assert.Equal("ok", await IntegrityAsync(record.File));
            Assert.Equal(record.Checksum, (await DatabaseBackup.ReadManifestAsync(record.File, CancellationToken.None))!.Checksum);
        }

        // The kill may also land inside the newest backup's pruning of the one just beyond Keep (its file deleted, its
        // manifest not yet): that one may be left, whole or in part; every older one must be gone.
        Assert.All(log.Skip(Keep + 1), record => Assert.False(File.Exists(record.File), $"{record.File} outlived Keep = {Keep}."));
        Assert.All(log.Skip(Keep + 1), record => Assert.False(File.Exists(DatabaseBackup.ManifestPathFor(record.File)), $"The manifest of {record.File} outlived Keep = {Keep}."));
        var unlogged = Directory.EnumerateFiles(folder, "dge-*.db").Except(log.Select(r => r.File)).ToList();
        Assert.True(unlogged.Count <= 1, $"Files beyond the newest {Keep}: {string.Join(", ", unlogged)}");
        Assert.All(unlogged, file => Assert.True(string.CompareOrdinal(Path.GetFileName(file), Path.GetFileName(newest[0].File)) > 0));
    }

    private static async Task<string> IntegrityAsync(string path)
    {
        await using var connection = new SqliteConnection(TestDatabases.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
