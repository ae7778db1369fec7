namespace Dge.Api.Backup;

/// <summary>
/// A backup or restore that was refused or failed for a reason the operator can act on (a missing file, an occupied
/// name, a running host, a damaged copy): the command prints the message and exits with 1, without a stack trace.
/// </summary>
public sealed class BackupFailure(string message, Exception? inner = null) : Exception(message, inner);
