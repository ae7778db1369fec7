using System.Globalization;
using Dge.Api.Data.Providers;

namespace Dge.Api.Backup;

/// <summary>
/// <c>dotnet run --project Dge.Api -- backup &lt;file&gt; [--force]</c> and <c>restore &lt;file&gt;</c>, run before the
/// web host starts. The database is the one the host would use: the configuration is built as the host builds it
/// (appsettings, environment variables such as <c>ConnectionStrings__Dge</c>, and <c>--key=value</c> arguments).
/// Exit code 0 when done, 1 with one line saying why when refused or failed.
/// </summary>
internal static class BackupCommands
{
    private const string Force = "--force";

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not [("backup" or "restore") and var command, .. var rest])
        {
            return null;
        }

        if (rest is not [var file, ..] || file.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {command} <file>{(command == "backup" ? " [--force]" : string.Empty)}: name the {(command == "backup" ? "file to write the backup to" : "backup file to restore")}.");
            return 1;
        }

        var force = rest.Contains(Force);
        if (force && command == "restore")
        {
            await Console.Error.WriteLineAsync("restore takes no --force: it always keeps the replaced database as <db>.before-restore-<time>.");
            return 1;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. rest.Skip(1).Where(a => a != Force)] });
        var store = StoreSettings.From(builder.Configuration, builder.Environment);
        if (!store.IsSqlite)
        {
            await Console.Error.WriteLineAsync($"{command} copies a SQLite file; on PostgreSQL use pg_dump and pg_restore (README, Running on PostgreSQL).");
            return 1;
        }

        var connectionString = store.ConnectionString;
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            if (command == "backup")
            {
                var result = await DatabaseBackup.BackupAsync(connectionString, file, force, TimeProvider.System, cancellation.Token);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Backup written: {result.File} ({result.SizeBytes} bytes, {result.Fingerprint.TotalRows} rows in {result.Fingerprint.RowCounts.Count} tables, checksum {result.Fingerprint.Checksum}, integrity ok, {result.Duration.TotalSeconds:F1} s). Manifest: {DatabaseBackup.ManifestPathFor(result.File)}."));
                if (result.Warning is { } warning)
                {
                    await Console.Error.WriteLineAsync(warning);
                }
            }
            else
            {
                var result = await DatabaseRestore.RestoreAsync(connectionString, file, TimeProvider.System, cancellation.Token);
                var kept = result.PreviousCopy is { } previous ? $" The replaced database is kept as {previous}; restore that file to undo." : string.Empty;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Restored {Path.GetFullPath(file)} into {result.Database} ({result.Fingerprint.TotalRows} rows, checksum {result.Fingerprint.Checksum}, integrity ok{(result.CheckedAgainstManifest ? ", matches its manifest" : ", no manifest to compare")}, {result.Duration.TotalSeconds:F1} s).{kept}"));
            }

            return 0;
        }
        catch (BackupFailure failure)
        {
            await Console.Error.WriteLineAsync($"{(command == "backup" ? "Backup" : "Restore")} refused: {failure.Message}");
            return 1;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The file system's answer (a full disk, a name taken meanwhile, no permission) is the operator's to act on;
            // a temporary file may be left beside the target, never a partial file under the final name.
            await Console.Error.WriteLineAsync($"{(command == "backup" ? "Backup" : "Restore")} failed: {failure.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{command} cancelled; nothing was written under the final name.");
            return 1;
        }
    }
}
