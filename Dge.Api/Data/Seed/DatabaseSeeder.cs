using Bogus;
using Dge.Api.Data.Reference;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Data.Seed;

/// <summary>
/// Fills an empty, migrated database: always the reference data (regions with the 2027 reform, municipalities,
/// health councils, KAP units, themes), and from scale 1 a synthetic national DGE world. Deterministic: the same
/// scale and random seed always give byte-identical tables (fixed anchor date, seeded draws, explicit ids, no
/// parallelism, no iteration in hash order).
/// </summary>
public static class DatabaseSeeder
{
    public static async Task SeedAsync(DgeDbContext db, SeedOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Scale);

        if (await db.Regions.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds data; the seed only fills an empty database.");
        }

        var rows = new SeedRows();
        var regions = ReferenceSeeder.AddReferenceRows(rows, ReferenceData.Load());
        var world = Generate(rows, regions, options);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var indexes = await DropIndexesAsync(db, cancellationToken);
        Insert(db, rows, cancellationToken);
        if (world is not null)
        {
            // The meetings are generated last and written as they are made: at scale 100 they are most of the rows.
            using var meetings = new MeetingTables(db);
            MeetingGenerator.Generate(rows, regions, world.Value.Groups, world.Value.Catalog, meetings, Stream(options, 7), cancellationToken);
            meetings.Complete(cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            await ContinueIdentitiesAsync(db, cancellationToken);
        }

        foreach (var index in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(index, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The synthetic world up to the groups, in <paramref name="rows"/>, and what the meetings are generated from; none at scale 0.</summary>
    private static (IReadOnlyList<GroupSeed> Groups, MaterialCatalog Catalog)? Generate(SeedRows rows, IReadOnlyList<RegionSeed> regions, SeedOptions options)
    {
        if (options.Scale < 1)
        {
            return null;
        }

        // One generator per area, each with its own stream derived from the seed, so tuning one area leaves the
        // others' data unchanged.
        var contacts = new ContactBook(Stream(options, 1));
        ClinicGenerator.Generate(rows, regions, options.Scale, Stream(options, 2));
        PeopleGenerator.Generate(rows, regions, options.Scale, contacts, Stream(options, 3));
        CoordinatorGenerator.Generate(rows, regions, options.Scale, contacts, Stream(options, 4));
        var catalog = MaterialGenerator.Generate(rows, regions, Stream(options, 5));
        var groups = GroupGenerator.Generate(rows, regions, Stream(options, 6));
        return (groups, catalog);
    }

    private static Randomizer Stream(SeedOptions options, int area) => new(unchecked((options.RandomSeed * 31) + area));

    // Parents before children, so every foreign key already exists when its row is inserted. A region's successor
    // (Region Østdanmark, the last id) is itself a region, so regions without a successor go first.
    private static void Insert(DgeDbContext db, SeedRows rows, CancellationToken cancellationToken)
    {
        Write(db, rows.Regions.OrderBy(r => r.SuccessorId.HasValue).ThenBy(r => r.Id).ToList(), cancellationToken);
        Write(db, rows.HealthCouncils, cancellationToken);
        Write(db, rows.Municipalities, cancellationToken);
        Write(db, rows.MunicipalityRegions, cancellationToken);
        Write(db, rows.KapUnits, cancellationToken);
        Write(db, rows.Themes, cancellationToken);
        Write(db, rows.Clusters, cancellationToken);
        Write(db, rows.Clinics, cancellationToken);
        Write(db, rows.ClusterMemberships, cancellationToken);
        Write(db, rows.Doctors, cancellationToken);
        Write(db, rows.Employments, cancellationToken);
        Write(db, rows.Coordinators, cancellationToken);
        Write(db, rows.Materials, cancellationToken);
        Write(db, rows.MaterialThemes, cancellationToken);
        Write(db, rows.MaterialGroupKinds, cancellationToken);
        Write(db, rows.PackageAdoptions, cancellationToken);
        Write(db, rows.Groups, cancellationToken);
        Write(db, rows.GroupMemberships, cancellationToken);
    }

    /// <summary>
    /// Drops every index the migrations created and returns their statements, to run again after the load: SQLite
    /// builds an index from sorted keys much faster than it maintains one row by row when the rows come in an order
    /// other than the index's (doctors by name, attendances by doctor). The statements are the ones stored in the
    /// schema, so the schema ends up with the same text.
    /// </summary>
    private static async Task<IReadOnlyList<string>> DropIndexesAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return [];
        }

        var indexes = await db.Database
            .SqlQueryRaw<IndexDefinition>("SELECT name AS Name, sql AS Sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
            .ToListAsync(cancellationToken);
        foreach (var index in indexes)
        {
            var drop = $"DROP INDEX \"{index.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }

        return [.. indexes.Select(i => i.Sql)];
    }

    /// <summary>
    /// The seed gives its rows explicit ids, which PostgreSQL's identity columns do not count: each table's identity
    /// continues after its highest id, so the next row a mutation adds gets a free one.
    /// </summary>
    private static async Task ContinueIdentitiesAsync(DgeDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null))
        {
            var table = BulkWriter<Entity>.Quote(entityType.GetTableName()!);
            var literal = "'" + table.Replace("'", "''", StringComparison.Ordinal) + "'";
            // The names come from the model, not from input.
            var sql = $"SELECT setval(pg_get_serial_sequence({literal}, 'Id'), COALESCE((SELECT MAX(\"Id\") FROM {table}), 0) + 1, false)";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    private static void Write<T>(DgeDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : Entity => BulkWriter<T>.Insert(db, rows, cancellationToken);

    private sealed record IndexDefinition(string Name, string Sql);
}
