using Dge.Api.Data.Reference;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;

namespace Dge.Api.Data.Seed;

/// <summary>Turns the reference CSVs into rows: regions with their 2027 successor, municipalities with region history, health councils, KAP units, themes.</summary>
internal static class ReferenceSeeder
{
    // The KAP units are named in no CSV column precisely enough to be keys, so their codes and names are fixed here, per region code.
    private static readonly Dictionary<string, (string Code, string Name)> KapUnitsByRegionCode = new(StringComparer.Ordinal)
    {
        ["1084"] = ("KAP-H", "KAP-H (Kvalitet i Almen Praksis, Hovedstaden)"),
        ["1085"] = ("KAP-S", "KAP-S (Kvalitet i Almen Praksis, Sjælland)"),
        ["1083"] = ("KEU-SYD", "Praksisenheden (KEU Syd)"),
        ["1082"] = ("MIDTKRAFT", "Kvalitet og Lægemidler (MidtKraft)"),
        ["1081"] = ("NORD-KAP", "Nord-KAP"),
    };

    /// <summary>Adds the reference rows and returns the regions in force on the anchor, for the synthetic generators.</summary>
    public static IReadOnlyList<RegionSeed> AddReferenceRows(SeedRows rows, ReferenceData reference)
    {
        var regionsByName = AddRegions(rows, reference);
        var councilsByKey = new Dictionary<string, HealthCouncil>(StringComparer.Ordinal);
        foreach (var council in reference.HealthCouncils)
        {
            councilsByKey.Add(council.Key, rows.HealthCouncils.AddRow(new HealthCouncil
            {
                Key = council.Key,
                Name = council.Name,
                RegionId = regionsByName[council.RegionFrom2027].Id,
                InForceFrom = SeedCalendar.RegionReform,
            }));
        }

        var municipalitiesByRegion = new Dictionary<string, List<Municipality>>(StringComparer.Ordinal);
        foreach (var record in reference.Municipalities)
        {
            var municipality = rows.Municipalities.AddRow(new Municipality
            {
                Code = record.Code,
                Name = record.Name,
                HealthCouncilId = councilsByKey[record.HealthCouncilKey].Id,
            });
            AddRegionHistory(rows, municipality, regionsByName[record.RegionName], regionsByName[record.RegionFrom2027]);
            if (!municipalitiesByRegion.TryGetValue(record.RegionName, out var list))
            {
                municipalitiesByRegion.Add(record.RegionName, list = []);
            }

            list.Add(municipality);
        }

        foreach (var theme in reference.Themes)
        {
            rows.Themes.AddRow(new Theme { Code = theme.Code, NameDa = theme.NameDa, NameEn = theme.NameEn, Category = theme.Category });
        }

        var anchorRegions = new List<RegionSeed>();
        foreach (var record in reference.Regions.Where(r => r.Code is not null && IsInForce(r, SeedCalendar.Anchor)))
        {
            var region = regionsByName[record.Name];
            var (code, name) = KapUnitsByRegionCode.TryGetValue(record.Code!, out var unit)
                ? unit
                : throw new InvalidDataException($"No KAP unit is defined for region {record.Code} {record.Name}.");
            anchorRegions.Add(new RegionSeed
            {
                Region = region,
                KapUnit = rows.KapUnits.AddRow(new KapUnit { Code = code, Name = name, RegionId = region.Id }),
                GpWeight = record.GpCount2019 ?? throw new InvalidDataException($"regions.csv gives no GP count for {record.Name}."),
                Municipalities = municipalitiesByRegion.GetValueOrDefault(record.Name) ?? [],
            });
        }

        return anchorRegions;
    }

    private static Dictionary<string, Region> AddRegions(SeedRows rows, ReferenceData reference)
    {
        var regionsByName = new Dictionary<string, Region>(StringComparer.Ordinal);
        foreach (var record in reference.Regions)
        {
            regionsByName.Add(record.Name, rows.Regions.AddRow(new Region
            {
                Code = record.Code,
                Name = record.Name,
                Seat = record.Seat,
                From = record.ValidFrom,

                // The CSV states the last day in office; our periods are half-open, so the end is the day after.
                To = record.ValidThrough?.AddDays(1),
            }));
        }

        // Successors are linked in a second pass: Region Østdanmark comes after the regions it replaces.
        foreach (var record in reference.Regions.Where(r => r.SuccessorName is not null))
        {
            regionsByName[record.Name].SuccessorId = regionsByName[record.SuccessorName!].Id;
        }

        return regionsByName;
    }

    private static void AddRegionHistory(SeedRows rows, Municipality municipality, Region before, Region after)
    {
        if (before == after)
        {
            rows.MunicipalityRegions.AddRow(new MunicipalityRegion { MunicipalityId = municipality.Id, RegionId = before.Id, From = before.From });
            return;
        }

        var handover = before.To ?? throw new InvalidDataException($"{municipality.Name} moves from {before.Name}, which has no end date.");
        rows.MunicipalityRegions.AddRow(new MunicipalityRegion { MunicipalityId = municipality.Id, RegionId = before.Id, From = before.From, To = handover });
        rows.MunicipalityRegions.AddRow(new MunicipalityRegion { MunicipalityId = municipality.Id, RegionId = after.Id, From = handover });
    }

    private static bool IsInForce(RegionRecord region, DateOnly date) =>
        region.ValidFrom <= date && (region.ValidThrough is null || region.ValidThrough >= date);
}
