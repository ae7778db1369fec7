namespace Dge.Api.Backup;

/// <summary>Configuration section <c>Dge:Backup</c>: the host's scheduled backup, off unless an interval is set.</summary>
public sealed class BackupOptions
{
    public const string Section = "Dge:Backup";

    /// <summary>How often the host backs up its database (e.g. <c>1.00:00:00</c> for daily); null: never.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Where the backups go: an absolute folder, or one relative to the content root; default: <c>backups</c> beside the database.</summary>
    public string? Directory { get; set; }

    /// <summary>How many scheduled backups to keep; older ones are deleted after each new one (backups made by hand are never touched).</summary>
    public int Keep { get; set; } = 7;
}
