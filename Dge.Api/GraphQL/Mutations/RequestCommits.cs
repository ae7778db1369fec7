namespace Dge.Api.GraphQL.Mutations;

/// <summary>
/// How many mutations of the current request committed: a request whose later mutation fails for want of the database
/// must not be answered "retry the whole document" (503) when an earlier one of it is already written.
/// </summary>
public sealed class RequestCommits
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record() => Interlocked.Increment(ref _count);
}
