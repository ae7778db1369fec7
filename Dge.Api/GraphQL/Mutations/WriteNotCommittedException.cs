namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// A mutation's changes were made, but the transaction it shared with other writers could not be committed: nothing of
/// it is written. The database's own error is the inner exception, so a busy or failing database is answered as such.
/// </summary>
public sealed class WriteNotCommittedException(Exception failure)
    : Exception("The write transaction this change was part of did not commit: nothing of the change is written.", failure);
