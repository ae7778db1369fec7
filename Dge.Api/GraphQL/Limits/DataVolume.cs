using System.Data.Common;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// How much data the views compute over, so their cost follows the database rather than a constant: a view over a
/// database ten times the national one costs ten times as much. The counts are read once the database is ready and
/// again every few minutes, in the background; until then the national volumes stand in.
/// </summary>
public sealed partial class DataVolume(IDbContextFactory<DgeDbContext> contextFactory, DatabaseReadiness readiness, TimeProvider time, ILogger<DataVolume> logger)
{
    /// <summary>Marks the counting statements in the SQL text: they belong to no request.</summary>
    public const string Tag = "DgeGraph: data volume for query costs";

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);

    private volatile Counts _current = Counts.National;
    private long _refreshedAt = long.MinValue;
    private int _refreshing;

    /// <summary>The volumes as last counted (the national ones before the first count).</summary>
    public Counts Current
    {
        get
        {
            RefreshWhenStale();
            return _current;
        }
    }

    private void RefreshWhenStale()
    {
        var now = time.GetTimestamp();
        if (!readiness.IsReady
            || (Interlocked.Read(ref _refreshedAt) != long.MinValue && time.GetElapsedTime(Interlocked.Read(ref _refreshedAt), now) < RefreshEvery)
            || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await RefreshAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is DbException or OperationCanceledException or InvalidOperationException)
            {
                // Costs then keep the last counts; the health check reports an unreadable database.
                LogCountFailed(logger, exception);
            }
            finally
            {
                Interlocked.Exchange(ref _refreshedAt, time.GetTimestamp());
                Interlocked.Exchange(ref _refreshing, 0);
            }
        });
    }

    /// <summary>Counts the volumes now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        _current = new Counts(
            await db.Doctors.TagWith(Tag).CountAsync(cancellationToken),
            await db.QualityClusters.TagWith(Tag).CountAsync(cancellationToken),
            await db.Coordinators.TagWith(Tag).CountAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the data volumes for query costs; the previous counts stay in use.")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);

    /// <summary>Row counts the view costs scale with.</summary>
    public sealed record Counts(int Doctors, int Clusters, int Coordinators)
    {
        /// <summary>About the national dataset (scale 1), whose view timings the costs are calibrated on.</summary>
        public static readonly Counts National = new(4_000, 114, 150);

        /// <summary>How many national datasets' worth of doctors there are (at least 1): the views' work grows with it.</summary>
        public double Scale => Math.Max(1.0, Doctors / (double)National.Doctors);
    }
}
