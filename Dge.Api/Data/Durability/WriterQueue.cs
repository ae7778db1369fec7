namespace Dge.Api.Data.Durability;

/// <summary>
/// The host's write transactions take their turn here, one at a time and in arrival order, before they ask SQLite for its
/// single write lock. Left to SQLite, a writer that finds the lock taken sleeps and polls (busy_timeout, then the driver's
/// own retries), which is no queue: under a steady stream of writes an unlucky writer keeps missing the moment the lock
/// is free and can starve past the request's timeout, while its thread sleeps. Here it waits asynchronously, in order.
/// busy_timeout still bounds the wait for writers this queue does not see: another process (a backup, the command
/// line) and the few writes outside mutations (sign-in, an API key's use).
/// </summary>
public sealed class WriterQueue : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this writer's turn (async waiters are served first come, first served); dispose the result to pass it on.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
