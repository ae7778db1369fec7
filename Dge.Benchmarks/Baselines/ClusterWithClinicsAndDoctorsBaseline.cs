using System.Data.Common;
using System.Text.Json;
using Dge.Api.Doctors;

namespace Dge.Benchmarks.Baselines;

/// <summary>
/// <c>ClusterWithClinicsAndDoctors</c>: the clusters of a municipality (the first 5 by key), each with its region, the packages it
/// works on today (the first 10 by key, each with its first 10 themes by key) and its member clinics today (by name in Danish
/// order, 50 at most, with the total), each with its first 20 doctors today by key. One statement of three kinds of row, in
/// the order they are written: a cluster (with its clinics' total), its packages (one row per theme), its clinics (one row per doctor).
/// </summary>
public sealed class ClusterWithClinicsAndDoctorsBaseline : Baseline
{
    private const int ClusterRow = 0;
    private const int PackageRow = 1;

    private const int Clusters = 5;

    /// <summary>The nested connections' default page size (packages and their themes give no <c>first</c>).</summary>
    private const int PageSize = 10;

    private const int ClinicsPerCluster = 50;
    private const int DoctorsPerClinic = 20;

    private static readonly string Sql = $"""
        WITH "Page" AS MATERIALIZED (
            SELECT q."Id" FROM "QualityClusters" q JOIN "Municipalities" m ON m."Id" = q."MunicipalityId"
            WHERE m."Code" = @municipality ORDER BY q."Id" LIMIT {Clusters}),
        "Packages" AS MATERIALIZED (
            SELECT "ClusterId", "Id", "Title", "N" FROM (
                SELECT a."ClusterId", l."Id", l."Title", ROW_NUMBER() OVER (PARTITION BY a."ClusterId" ORDER BY l."Id") AS "N"
                FROM "ClusterPackageAdoptions" a JOIN "LearningMaterials" l ON l."Id" = a."MaterialId"
                WHERE a."ClusterId" IN (SELECT "Id" FROM "Page") AND a."From" <= @today AND (a."To" IS NULL OR a."To" > @today)) x
            WHERE "N" <= {PageSize}),
        "MemberClinics" AS MATERIALIZED (
            SELECT "ClusterId", "Id", "Ydernummer", "Name", "N" FROM (
                SELECT cm."ClusterId", c."Id", c."Ydernummer", c."Name",
                       ROW_NUMBER() OVER (PARTITION BY cm."ClusterId" ORDER BY c."Name" COLLATE "DANISH", c."Id") AS "N"
                FROM "ClusterClinicMemberships" cm JOIN "Clinics" c ON c."Id" = cm."ClinicId"
                WHERE cm."ClusterId" IN (SELECT "Id" FROM "Page") AND cm."From" <= @today AND (cm."To" IS NULL OR cm."To" > @today)) x
            WHERE "N" <= {ClinicsPerCluster})
        SELECT {ClusterRow} AS "Row", q."Id" AS "ClusterId", 0 AS "N", 0 AS "M", q."Name", r."Name", NULL, NULL, NULL,
               (SELECT COUNT(*) FROM "ClusterClinicMemberships" cm
                WHERE cm."ClusterId" = q."Id" AND cm."From" <= @today AND (cm."To" IS NULL OR cm."To" > @today))
        FROM "Page" p
        JOIN "QualityClusters" q ON q."Id" = p."Id"
        JOIN "Regions" r ON r."Id" = q."RegionId"
        UNION ALL
        SELECT {PackageRow}, "ClusterId", "N", "M", "Title", "NameDa", NULL, NULL, NULL, NULL FROM (
            SELECT pk."ClusterId", pk."N", pk."Title", t."NameDa", ROW_NUMBER() OVER (PARTITION BY pk."ClusterId", pk."N" ORDER BY t."Id") AS "M"
            FROM "Packages" pk LEFT JOIN "MaterialThemes" mt ON mt."MaterialId" = pk."Id" LEFT JOIN "Themes" t ON t."Id" = mt."ThemeId") x
        WHERE "M" <= {PageSize}
        UNION ALL
        SELECT 2, "ClusterId", "N", "M", "Ydernummer", "Name", "FirstName", "LastName", "Phase", NULL FROM (
            SELECT c."ClusterId", c."N", c."Ydernummer", c."Name", d."FirstName", d."LastName", d."Phase",
                   ROW_NUMBER() OVER (PARTITION BY c."ClusterId", c."N" ORDER BY d."Id") AS "M"
            FROM "MemberClinics" c
            LEFT JOIN "ClinicEmployments" e ON e."ClinicId" = c."Id" AND e."From" <= @today AND (e."To" IS NULL OR e."To" > @today)
            LEFT JOIN "Doctors" d ON d."Id" = e."DoctorId") x
        WHERE "M" <= {DoctorsPerClinic}
        ORDER BY "ClusterId", "Row", "N", "M"
        """;

    private enum Section
    {
        None,
        Packages,
        Clinics,
    }

    public override string Operation => "ClusterWithClinicsAndDoctors";

    public override async Task WriteDataAsync(DbConnection connection, JsonElement variables, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        BaselineSql.UseDanishCollation(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Bind("@municipality", (object?)BaselineSql.String(variables, "municipality") ?? DBNull.Value);
        command.Bind("@today", BaselineSql.Today());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        json.WriteStartObject();
        json.WriteStartObject("qualityClusters"u8);
        json.WriteStartArray("nodes"u8);
        var section = Section.None;
        var clinicTotal = 0L;

        // The position of the open package or clinic in its cluster; 0 when none is open.
        var item = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = reader.GetInt32(0);
            if (row == ClusterRow)
            {
                EndCluster(json, section, item, clinicTotal);
                json.WriteStartObject();
                BaselineSql.WriteNodeId(json, "id"u8, "QualityCluster:"u8, reader.GetInt64(1));
                json.WriteString("name"u8, reader.GetString(4));
                json.WriteStartObject("region"u8);
                json.WriteString("name"u8, reader.GetString(5));
                json.WriteEndObject();
                json.WriteStartObject("packages"u8);
                json.WriteStartArray("nodes"u8);
                clinicTotal = reader.GetInt64(9);
                section = Section.Packages;
                item = 0;
                continue;
            }

            if (row != PackageRow && section == Section.Packages)
            {
                EndPackages(json, item);
                StartClinics(json, clinicTotal);
                section = Section.Clinics;
                item = 0;
            }

            if (reader.GetInt64(2) != item)
            {
                if (item != 0)
                {
                    EndItem(json);
                }

                item = reader.GetInt64(2);
                json.WriteStartObject();
                if (row == PackageRow)
                {
                    json.WriteString("title"u8, reader.GetString(4));
                    json.WriteStartObject("themes"u8);
                }
                else
                {
                    json.WriteString("ydernummer"u8, reader.GetString(4));
                    json.WriteString("name"u8, reader.GetString(5));
                    json.WriteStartObject("doctors"u8);
                }

                json.WriteStartArray("nodes"u8);
            }

            // A package without themes or a clinic without doctors has one row, without them.
            if (reader.IsDBNull(row == PackageRow ? 5 : 6))
            {
                continue;
            }

            json.WriteStartObject();
            if (row == PackageRow)
            {
                json.WriteString("nameDa"u8, reader.GetString(5));
            }
            else
            {
                json.WriteString("firstName"u8, reader.GetString(6));
                json.WriteString("lastName"u8, reader.GetString(7));
                json.WriteString("phase"u8, BaselineSql.ApiName<DoctorPhase>(reader.GetString(8)));
            }

            json.WriteEndObject();
        }

        EndCluster(json, section, item, clinicTotal);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Closes the open cluster, whichever section it is in; a cluster without member clinics gets its (empty) clinics here.</summary>
    private static void EndCluster(Utf8JsonWriter json, Section section, long item, long clinicTotal)
    {
        switch (section)
        {
            case Section.None:
                return;
            case Section.Packages:
                EndPackages(json, item);
                StartClinics(json, clinicTotal);
                break;
            default:
                EndItem(json);
                break;
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void EndPackages(Utf8JsonWriter json, long item)
    {
        if (item != 0)
        {
            EndItem(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void StartClinics(Utf8JsonWriter json, long total)
    {
        json.WriteStartObject("clinics"u8);
        json.WriteNumber("totalCount"u8, total);
        json.WriteStartArray("nodes"u8);
    }

    /// <summary>Closes a package's themes or a clinic's doctors, and the package or clinic.</summary>
    private static void EndItem(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
