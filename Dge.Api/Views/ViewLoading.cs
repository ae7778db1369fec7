using Dge.Api.GraphQL;
using GraphQL.DataLoader;

namespace Dge.Api.Views;

/// <summary>Helpers for the views' batched fields (<see cref="ResolveContextExtensions.LoadBatched"/>).</summary>
internal static class ViewLoading
{
    /// <summary>Maps a batched result without awaiting it, so that the siblings' keys still go into the same batch.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> map) => new Mapped<T, TResult>(source, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> source, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
