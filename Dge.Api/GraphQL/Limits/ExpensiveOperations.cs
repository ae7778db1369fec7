using System.Threading.RateLimiting;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// The few slots expensive operations run in, so a flood of them cannot take every core from cheap queries and the
/// health check: they queue (oldest first) for a slot, and beyond the queue they are refused.
/// </summary>
public sealed class ExpensiveOperations(GraphQLLimitsOptions limits) : IDisposable
{
    private readonly ConcurrencyLimiter _slots = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limits.MaxConcurrentExpensive,
        QueueLimit = limits.ExpensiveQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A slot to run in, or a lease that is not acquired when the queue is full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _slots.AcquireAsync(1, cancellationToken);

    /// <summary>Operations waiting for a slot now.</summary>
    public long Waiting => _slots.GetStatistics()?.CurrentQueuedCount ?? 0;

    public void Dispose() => _slots.Dispose();
}
