namespace Dge.Api.Data.Durability;

/// <summary>
/// The host's write transactions take their turn here, one at a time and in arrival order, before they ask SQLite for its
/// single write lock. Left to SQLite, a writer that finds the lock taken sleeps and polls (busy_timeout, then the driver's
/// own retries), which is no queue: under a steady stream of writes an unlucky writer keeps missing the moment the lock
/// is free and can starve past the request's timeout, while its thread sleeps. Here it waits asynchronously, in order.
/// busy_timeout still bounds the wait for writers this queue does not see: another process (a backup, the command
/// line) and the few writes outside mutations (sign-in, an API key's use).
/// </summary>
/// <remarks>
/// A writer may hand its turn straight to the next one waiting together with something to carry on (an open
/// transaction, see <see cref="TryPass"/>), so that several writes share one commit.
/// </remarks>
public sealed class WriterQueue
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<object?>> _waiting = new();
    private bool _taken;

    /// <summary>How many writers wait for the turn now.</summary>
    internal int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Waits for this writer's turn, first come first served; dispose the result to pass it on. The turn carries what the
    /// writer before passed with it (<see cref="Turn.Carried"/>), or null.
    /// </summary>
    public async Task<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource<object?>> node;
        lock (_lock)
        {
            if (!_taken)
            {
                _taken = true;
                return new Turn(this, null);
            }

            node = _waiting.AddLast(new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        // A waiter leaves the line only while it is still in it: once the turn is handed to it, it is its own, cancelled or
        // not, and it must pass it on, or what it carries would be left with nobody.
        using (cancellationToken.Register(() => Leave(node, cancellationToken)))
        {
            return new Turn(this, await node.Value.Task);
        }
    }

    /// <summary>
    /// Hands <paramref name="turn"/> with <paramref name="carried"/> to the writer waiting longest, if one waits: true, and
    /// the turn is no longer the caller's. False when nobody waits: the caller keeps it.
    /// </summary>
    public bool TryPass(Turn turn, object carried)
    {
        lock (_lock)
        {
            if (turn.Released || _waiting.First is not { } next)
            {
                return false;
            }

            turn.Released = true;
            _waiting.RemoveFirst();
            next.Value.SetResult(carried);
            return true;
        }
    }

    private void Release(Turn turn)
    {
        lock (_lock)
        {
            if (turn.Released)
            {
                return;
            }

            turn.Released = true;
            if (_waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                next.Value.SetResult(null);
            }
            else
            {
                _taken = false;
            }
        }
    }

    private void Leave(LinkedListNode<TaskCompletionSource<object?>> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return;
            }

            _waiting.Remove(node);
        }

        node.Value.SetCanceled(cancellationToken);
    }

    /// <summary>One writer's turn: its own until it is disposed or passed on.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly WriterQueue _queue;

        internal Turn(WriterQueue queue, object? carried)
        {
            _queue = queue;
            Carried = carried;
        }

        /// <summary>What the writer before passed on with the turn (<see cref="TryPass"/>), or null.</summary>
        public object? Carried { get; }

        /// <summary>Guarded by the queue's lock.</summary>
        internal bool Released { get; set; }

        public void Dispose() => _queue.Release(this);
    }
}
