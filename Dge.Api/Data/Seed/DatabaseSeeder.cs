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

        var rows = Build(options);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await InsertAsync(db, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static SeedRows Build(SeedOptions options)
    {
        var rows = new SeedRows();
        var regions = ReferenceSeeder.AddReferenceRows(rows, ReferenceData.Load());
        if (options.Scale < 1)
        {
            return rows;
        }

        // One generator per area, each with its own stream derived from the seed, so tuning one area leaves the
        // others' data unchanged.
        var contacts = new ContactBook(Stream(options, 1));
        ClinicGenerator.Generate(rows, regions, options.Scale, Stream(options, 2));
        PeopleGenerator.Generate(rows, regions, options.Scale, contacts, Stream(options, 3));
        CoordinatorGenerator.Generate(rows, regions, options.Scale, contacts, Stream(options, 4));
        var catalog = MaterialGenerator.Generate(rows, regions, Stream(options, 5));
        var groups = GroupGenerator.Generate(rows, regions, Stream(options, 6));
        MeetingGenerator.Generate(rows, regions, groups, catalog, Stream(options, 7));
        return rows;
    }

    private static Randomizer Stream(SeedOptions options, int area) => new(unchecked((options.RandomSeed * 31) + area));

    // Parents before children, so every foreign key already exists when its row is inserted. A region's successor
    // (Region Østdanmark, the last id) is itself a region, so regions without a successor go first.
    private static async Task InsertAsync(DgeDbContext db, SeedRows rows, CancellationToken cancellationToken)
    {
        await BulkWriter.InsertAsync(db, rows.Regions.OrderBy(r => r.SuccessorId.HasValue).ThenBy(r => r.Id).ToList(), cancellationToken);
        await BulkWriter.InsertAsync(db, rows.HealthCouncils, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Municipalities, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MunicipalityRegions, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.KapUnits, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Themes, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Clusters, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Clinics, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.ClusterMemberships, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Doctors, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Employments, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Coordinators, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Materials, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MaterialThemes, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MaterialGroupKinds, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.PackageAdoptions, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Groups, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.GroupMemberships, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.Meetings, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MeetingThemes, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MeetingMaterials, cancellationToken);
        await BulkWriter.InsertAsync(db, rows.MeetingAttendances, cancellationToken);
    }
}
