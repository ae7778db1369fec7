using Dge.Api.Data;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Relay;
using Dge.Api.Regions;
using GraphQL;
using GraphQL.DataLoader;

namespace Dge.Api.Views;

/// <summary>
/// Batching for view fields: every parent at one level asks the same loader, which computes the view for all their keys in one go
/// (a fixed number of statements), on its own DbContext.
/// </summary>
internal static class ViewLoading
{
    public static IDataLoaderResult<TValue?> Load<TValue>(
        IResolveFieldContext context, string name, int key, Func<DgeDbContext, IReadOnlyCollection<int>, CancellationToken, Task<IReadOnlyDictionary<int, TValue>>> fetch)
    {
        var factory = context.ContextFactory();
        return context.Loaders()
            .GetOrAdd<int, TValue>($"view:{name}", (keys, ct) => factory.RunAsync((db, token) => fetch(db, keys, token), ct))
            .Load(key);
    }

    /// <summary>Maps a batched result without awaiting it, so that the siblings' keys still go into the same batch.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> map) => new Mapped<T, TResult>(source, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> source, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>The typed errors of the views' arguments, each with a stable code.</summary>
public static class ViewErrors
{
    public static DgeQueryError InvalidReportScope(string message) => new("INVALID_REPORT_SCOPE", message, "kapUnitCode");

    public static DgeQueryError RegionNotInForce(Region region, int year) => new(
        "REGION_NOT_IN_FORCE",
        region.ValidTo is { } end && end <= new DateOnly(year, 1, 1)
            ? $"{region.Name} exists until {end.AddDays(-1):yyyy-MM-dd}; report its successor{(region.Successor is { } next ? $" {next.Name} (regionId: {NodeId.Encode("Region", next.Id)})" : string.Empty)} for {year}."
            : $"{region.Name} exists from {region.ValidFrom:yyyy-MM-dd}; there is no report for {year}.",
        "year");

    public static DgeQueryError UnknownReportScope(string argument, string code) => new("UNKNOWN_REPORT_SCOPE", $"{argument}: there is no scope with the code '{code}'.", argument);

    public static DgeQueryError InvalidYear(int year) =>
        new("INVALID_YEAR", $"year: {year} is outside {AnnualReportQuery.MinYear}–{AnnualReportQuery.MaxYear}.", "year");

    public static DgeQueryError InvalidThreshold(int threshold) => new("INVALID_THRESHOLD", $"threshold: {threshold} must not be negative.", "threshold");

    public static DgeQueryError NoReform() => new("NO_REFORM", "The data holds no region that replaces others, so there is no reform to describe.");
}
