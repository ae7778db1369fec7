using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data.Providers;

/// <summary>
/// <c>dotnet run --project Dge.Api -- migrate</c>: applies this version's migrations to the configured database and exits,
/// before any instance of the new version starts. The database is the one the host would use (appsettings, environment
/// variables such as <c>Dge__Database__Provider</c> and <c>ConnectionStrings__Dge</c>, and <c>--key=value</c> arguments).
/// On PostgreSQL it takes the same advisory lock as a starting host (<see cref="PostgresMigrator"/>), so it may run while
/// instances start. Exit code 0 when the database is up to date, 1 with one line saying why not.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not ["migrate", .. var rest])
        {
            return null;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest });
        try
        {
            var store = StoreSettings.From(builder.Configuration, builder.Environment);
            await using var db = new DgeDbContext(new DbContextOptionsBuilder<DgeDbContext>().UseStore(store).Options);
            var outcome = store.IsSqlite
                ? await MigrateSqliteAsync(db)
                : await PostgresMigrator.MigrateAsync(db, createIfMissing: true, () => Console.WriteLine("Another instance is migrating this database; waiting for it."), null, CancellationToken.None);
            if (outcome.Unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"Migrate refused: the database holds migrations this version does not know ({string.Join(", ", outcome.Unknown)}); it was written by a newer version.");
                return 1;
            }

            Console.WriteLine(outcome.Pending.Count == 0
                ? $"The {store.Provider} database is up to date."
                : $"Applied {outcome.Pending.Count} migration(s) to the {store.Provider} database: {string.Join(", ", outcome.Pending)}.");
            return 0;
        }
        catch (Exception failure) when (failure is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"Migrate failed: {failure.Message}");
            return 1;
        }
    }

    // The host's start-up lock keeps a starting host from migrating the same file at the same moment.
    private static async Task<MigrationPlan> MigrateSqliteAsync(DgeDbContext db)
    {
        using var startupLock = await StartupLock.AcquireAsync(
            db.Database.GetConnectionString()!, () => Console.WriteLine("A host is migrating or seeding this database; waiting for it."), CancellationToken.None);
        var plan = MigrationPlan.Of(await db.Database.GetAppliedMigrationsAsync(), db.Database.GetMigrations());
        if (plan.Unknown.Count == 0)
        {
            await db.Database.MigrateAsync();
        }

        return plan;
    }
}
