using Dge.Api.Data.Durability;

namespace Dge.Tests.Data;

/// <summary>The writers' queue: one turn, first come first served, and what a writer hands on with it.</summary>
public sealed class WriterQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EnterAsync_WhileTheTurnIsTaken_ServesTheWaitersInArrivalOrder()
    {
        var queue = new WriterQueue();
        var served = new List<int>();
        var holder = await queue.EnterAsync(CancellationToken.None);

        var waiters = Enumerable.Range(1, 3).Select(n => WaitThenRecordAsync(queue, n, served)).ToList();
        Assert.Equal(3, queue.Waiting);
        holder.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Bound);

        Assert.Equal([1, 2, 3], served);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_LeavesTheLineAndTheTurnGoesToTheNext()
    {
        var queue = new WriterQueue();
        var holder = await queue.EnterAsync(CancellationToken.None);
        using var leaves = new CancellationTokenSource();

        var leaving = queue.EnterAsync(leaves.Token);
        var staying = queue.EnterAsync(CancellationToken.None);
        await leaves.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.Equal(1, queue.Waiting);
        holder.Dispose();
        using var turn = await staying.WaitAsync(Bound);

        Assert.Null(turn.Carried);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task TryPass_WithAWriterWaiting_HandsItTheTurnAndWhatIsCarried()
    {
        var queue = new WriterQueue();
        var holder = await queue.EnterAsync(CancellationToken.None);
        var carried = new object();
        var next = queue.EnterAsync(CancellationToken.None);

        Assert.True(queue.TryPass(holder, carried));
        using var turn = await next.WaitAsync(Bound);
        holder.Dispose();

        Assert.Same(carried, turn.Carried);
        // The holder's turn was passed, so disposing it afterwards gave nothing away: the turn is still taken.
        var after = queue.EnterAsync(CancellationToken.None);
        Assert.False(after.IsCompleted);
        turn.Dispose();
        (await after.WaitAsync(Bound)).Dispose();
    }

    [Fact]
    public async Task TryPass_WithNobodyWaiting_KeepsTheTurnWithTheHolder()
    {
        var queue = new WriterQueue();
        var holder = await queue.EnterAsync(CancellationToken.None);

        Assert.False(queue.TryPass(holder, new object()));
        var next = queue.EnterAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        holder.Dispose();
        using var turn = await next.WaitAsync(Bound);

        Assert.Null(turn.Carried);
    }

    private static async Task WaitThenRecordAsync(WriterQueue queue, int writer, List<int> served)
    {
        using var turn = await queue.EnterAsync(CancellationToken.None);
        served.Add(writer);
    }
}
