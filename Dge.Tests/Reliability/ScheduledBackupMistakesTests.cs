using Dge.Api.Backup;
using Dge.Api.Data.Providers;
using Dge.Tests.Hosting;
using Dge.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Dge.Tests.Reliability;

/// <summary>
/// The scheduled backup among an operator's own files and settings: it deletes only its own copies (not a backup made by
/// hand with a similar name, such as the README's example), and a folder it cannot create or an interval it cannot time
/// is logged while the host keeps serving.
/// </summary>
public sealed class ScheduledBackupMistakesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ScheduledBackup_InAFolderWithAHandMadeBackup_PrunesOnlyItsOwnCopies()
    {
        var live = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(Path.GetDirectoryName(live)!, $"{Guid.NewGuid():N}-backups");
        Directory.CreateDirectory(folder);

        // The name the README's backup example uses; with Dge:Backup:Directory on the same folder it matched dge-*.db.
        var byHand = Path.Combine(folder, "dge-2026-12-04.db");
        File.Copy(live, byHand);
        using var host = HostProcess.StartWithAdmin(live, seedScale: 0, new Dictionary<string, string>
        {
            ["Dge__Backup__Interval"] = "00:00:01",
            ["Dge__Backup__Directory"] = folder,
            ["Dge__Backup__Keep"] = "1",
        });
        await host.WaitUntilReadyAsync(ReadyTimeout);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while ((await BackupLog.ReadAsync(live, CancellationToken.None)).Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than 3 scheduled backups in 120 s:\n{host.Output}");
            await Task.Delay(200);
        }

        await host.KillAsync();
        output.WriteLine(host.Output);
        Assert.True(File.Exists(byHand), $"The scheduled backup deleted {byHand}, a backup made by hand.");
    }

    [Theory]
    [InlineData("Dge__Backup__Directory", "file")]
    [InlineData("Dge__Backup__Interval", "60.00:00:00")]
    public async Task ScheduledBackup_WithASettingItCannotUse_IsLoggedAndTheHostKeepsServing(string setting, string value)
    {
        var live = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);

        // A folder below an existing file can never be created.
        var settings = new Dictionary<string, string> { ["Dge__Backup__Interval"] = "00:00:01", [setting] = value == "file" ? Path.Combine(live, "backups") : value };
        using var host = HostProcess.StartWithAdmin(live, seedScale: 0, settings);
        await host.WaitUntilReadyAsync(ReadyTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));

        output.WriteLine(host.Output);
        Assert.False(host.HasExited, $"The host stopped over {setting} = {value}:\n{host.Output}");
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("fail: Dge.Api.Backup.ScheduledBackup", host.Output, StringComparison.Ordinal);
        await host.KillAsync();
    }
}
