namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// A mutation's changes were made, but the transaction it shared with other writers failed to commit. SQLite then rolls
/// it back, except that a disk failing in the middle of the commit may leave it to be recovered at the next start, so the
/// client is told to read the change back rather than that it is lost. The database's own error is the inner exception,
/// so a busy or failing database is answered as such.
/// </summary>
public sealed class WriteNotCommittedException(Exception failure)
    : Exception("The write transaction this change was part of failed to commit: read the change back before sending it again.", failure);
