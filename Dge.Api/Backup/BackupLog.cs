using System.Text.Json;

namespace Dge.Api.Backup;

/// <summary>One backup as the log records it: when it was made, where to, how big, and its content's fingerprint.</summary>
public sealed record BackupRecord(DateTimeOffset MadeAt, string File, long SizeBytes, long Rows, string Checksum);

/// <summary>
/// The backups made of a database, newest last, in a JSON file beside it (<c>dge.db.backups.json</c>): the backup
/// command appends to it after the copy is complete, and the host reads it for the admin shell. A file beside the
/// database rather than a table in it, so a backup changes nothing in the database it copies, and a restore does not
/// bring back an older list of backups.
/// </summary>
public static class BackupLog
{
    // The newest entries are what an admin needs; an unbounded log would grow with every scheduled backup.
    private const int Kept = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string databasePath) => databasePath + ".backups.json";

    /// <summary>The recorded backups, newest first; none when the log does not exist yet.</summary>
    public static async Task<IReadOnlyList<BackupRecord>> ReadAsync(string databasePath, CancellationToken cancellationToken)
    {
        var path = PathFor(databasePath);
        if (!System.IO.File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var records = await JsonSerializer.DeserializeAsync<List<BackupRecord>>(stream, Json, cancellationToken) ?? [];
        return [.. records.OrderByDescending(r => r.MadeAt)];
    }

    /// <summary>Adds <paramref name="record"/>, writing a new file and renaming it over the old one so a reader never sees half a log.</summary>
    public static async Task AppendAsync(string databasePath, BackupRecord record, CancellationToken cancellationToken)
    {
        var records = (await ReadAsync(databasePath, cancellationToken)).Reverse().Append(record).TakeLast(Kept).ToList();
        var path = PathFor(databasePath);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(stream, records, Json, cancellationToken);
            }

            System.IO.File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }
}
