using GraphQL.DataLoader;

namespace Dge.Api.GraphQL.Loading;

/// <summary>
/// Collects the keys that sibling resolvers ask for and fetches them with one call when the execution strategy
/// first awaits a result (GraphQL.NET resolves <see cref="IDataLoaderResult"/>s after the whole level is queued).
/// Results are cached for the request, so the same key is never fetched twice.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Task<TValue?>> _results = [];
    private Dictionary<TKey, TaskCompletionSource<TValue?>>? _pending;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var task))
            {
                var completion = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                (_pending ??= [])[key] = completion;
                task = completion.Task;
                _results[key] = task;
            }

            return new Deferred(this, task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        Dictionary<TKey, TaskCompletionSource<TValue?>>? batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = null;
        }

        if (batch is null)
        {
            return;
        }

        try
        {
            var values = await fetch(batch.Keys, cancellationToken);
            foreach (var (key, completion) in batch)
            {
                completion.TrySetResult(values.TryGetValue(key, out var value) ? value : default);
            }
        }
        catch (Exception exception)
        {
            foreach (var completion in batch.Values)
            {
                completion.TrySetException(exception);
            }
        }
    }

    private sealed class Deferred(BatchLoader<TKey, TValue> loader, Task<TValue?> task) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!task.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            try
            {
                return await task;
            }
            catch (DgeQueryError error)
            {
                // One bad argument fails every field of the batch; each needs its own error object for its path.
                throw error.Copy();
            }
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
