using System.Data.Common;
using Dge.Api.Data;
using Dge.Api.GraphQL.Loading;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL;

/// <summary>What resolvers ask of the request: its services, today's date and a short-lived context per batch.</summary>
public static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull => context.RequestServices!.GetRequiredService<T>();

    /// <summary>Today in the host's time zone: the default of every <c>asOf</c>.</summary>
    public static DateOnly Today(this IResolveFieldContext context) =>
        DateOnly.FromDateTime(context.Service<TimeProvider>().GetLocalNow().Date);

    /// <summary>The earliest and latest reference dates the views accept: far beyond any DGE data, short of calendar overflow.</summary>
    public static readonly DateOnly EarliestAsOf = new(1900, 1, 1);

    public static readonly DateOnly LatestAsOf = new(2999, 12, 31);

    /// <summary>The field's <c>asOf</c> argument, default today; a date outside 1900–2999 is a typed error.</summary>
    public static DateOnly AsOf(this IResolveFieldContext context)
    {
        var asOf = context.GetArgument<DateOnly?>("asOf") ?? context.Today();
        return asOf >= EarliestAsOf && asOf <= LatestAsOf
            ? asOf
            : throw new DgeQueryError("INVALID_DATE", $"asOf must lie between {EarliestAsOf:yyyy-MM-dd} and {LatestAsOf:yyyy-MM-dd}; {asOf:yyyy-MM-dd} was given.", "asOf");
    }

    /// <summary>
    /// The value for <paramref name="key"/> from the request's batch loader <paramref name="name"/>: every field at one level
    /// asks the same loader, which fetches all their keys in one call, on a context of its own; with
    /// <paramref name="snapshot"/>, its statements read one snapshot of the data (<see cref="ReadSnapshot"/>).
    /// </summary>
    public static IDataLoaderResult<TValue?> LoadBatched<TValue>(
        this IResolveFieldContext context, string name, int key, Func<DgeDbContext, IReadOnlyCollection<int>, CancellationToken, Task<IReadOnlyDictionary<int, TValue>>> fetch, bool snapshot = false)
    {
        var factory = context.ContextFactory();
        return context.Service<RequestLoaders>()
            .GetOrAdd<int, TValue>(name, (keys, ct) => factory.RunAsync((db, token) => fetch(db, keys, token), ct, snapshot))
            .Load(key);
    }

    /// <summary>An argument as parsed, e.g. an input object as a dictionary, or null when not given.</summary>
    public static object? RawArgument(this IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var argument) ? argument.Value : null;

    public static IDbContextFactory<DgeDbContext> ContextFactory(this IResolveFieldContext context) =>
        context.Service<IDbContextFactory<DgeDbContext>>();

    /// <summary>
    /// Runs <paramref name="work"/> on its own context from the pool. Each batch and root field has its own, so fields
    /// resolved in parallel never share a DbContext. A view, whose figures come from several statements, asks for
    /// <paramref name="snapshot"/>: they then all read the data as it was at the first (<see cref="ReadSnapshot"/>).
    /// </summary>
    public static async Task<TResult> RunAsync<TResult>(
        this IDbContextFactory<DgeDbContext> factory, Func<DgeDbContext, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken, bool snapshot = false)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            return snapshot ? await ReadSnapshot.RunAsync(db, work, cancellationToken) : await work(db, cancellationToken);
        }
        catch (DbException interrupted) when (cancellationToken.IsCancellationRequested)
        {
            // A statement interrupted on cancellation fails with the store's own error: to callers it is the cancellation.
            throw new OperationCanceledException(interrupted.Message, interrupted, cancellationToken);
        }
    }
}
