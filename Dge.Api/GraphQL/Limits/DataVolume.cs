using System.Data.Common;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.GraphQL.Limits;

/// <summary>
/// How much data the views compute over, so their cost follows the database rather than a constant: a view over a
/// database ten times the national one costs ten times as much. The counts are read in the background once the
/// database is ready and every few minutes after; until then the national volumes stand in.
/// </summary>
public sealed partial class DataVolume(IDbContextFactory<DgeDbContext> contextFactory, DatabaseReadiness readiness, ILogger<DataVolume> logger)
    : BackgroundService
{
    /// <summary>Marks the counting statements in the SQL text: they belong to no request.</summary>
    public const string Tag = "DgeGraph: data volume for query costs";

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(200);

    private volatile Counts _current = Counts.National;

    /// <summary>The volumes as last counted (the national ones before the first count).</summary>
    public Counts Current => _current;

    /// <summary>Counts the volumes now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        _current = new Counts(
            await db.Doctors.TagWith(Tag).CountAsync(cancellationToken),
            await db.QualityClusters.TagWith(Tag).CountAsync(cancellationToken),
            await db.Coordinators.TagWith(Tag).CountAsync(cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(ReadinessPoll, stoppingToken);
        }

        using var timer = new PeriodicTimer(RefreshEvery);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // Costs then keep the last counts; the readiness probe reports an unreadable database.
                LogCountFailed(logger, exception);
            }
            catch (DbException) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: SQLite reports the interrupted count as an error, not as a cancellation.
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
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
