using System.Globalization;

namespace Dge.Api.Data.Reference;

/// <summary>
/// The public reference facts (geography, health councils, themes, group types, funding rules), read once from the
/// CSVs embedded in this assembly so they do not depend on the working directory.
/// </summary>
public sealed class ReferenceData
{
    private static readonly Lazy<ReferenceData> Cached = new(Read);

    public required IReadOnlyList<RegionRecord> Regions { get; init; }

    public required IReadOnlyList<MunicipalityRecord> Municipalities { get; init; }

    public required IReadOnlyList<HealthCouncilRecord> HealthCouncils { get; init; }

    public required IReadOnlyList<ThemeRecord> Themes { get; init; }

    public required IReadOnlyList<GroupTypeRecord> GroupTypes { get; init; }

    public required IReadOnlyList<FundingRuleRecord> FundingRules { get; init; }

    /// <summary>The parsed reference data; parsed on first use and shared afterwards.</summary>
    public static ReferenceData Load() => Cached.Value;

    private static ReferenceData Read()
    {
        var data = new ReferenceData
        {
            Regions = ReadCsv("regions.csv").Select(r => new RegionRecord(
                r.Optional("region_code"),
                r.Required("name"),
                r.Required("seat"),
                ParseDate(r, "valid_from"),
                r.Optional("valid_to") is null ? null : ParseDate(r, "valid_to"),
                r.Optional("successor"),
                ParseOptionalInt(r, "gp_count_c2019"),
                r.Optional("quality_unit"),
                ParseOptionalInt(r, "clusters_estimate"))).ToList(),
            Municipalities = ReadCsv("municipalities.csv").Select(r => new MunicipalityRecord(
                r.Required("municipality_code"),
                r.Required("name"),
                r.Required("region_code"),
                r.Required("region"),
                r.Required("region_from_2027"),
                r.Required("health_council_id"))).ToList(),
            HealthCouncils = ReadCsv("health_councils.csv").Select(r => new HealthCouncilRecord(
                r.Required("health_council_id"),
                r.Required("name"),
                r.Required("region_from_2027"),
                r.Required("municipality_codes").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList(),
            Themes = ReadCsv("themes.csv").Select(r => new ThemeRecord(
                r.Required("theme_id"),
                r.Required("name_da"),
                r.Required("name_en"),
                r.Required("category"))).ToList(),
            GroupTypes = ReadCsv("group_types.csv").Select(r => new GroupTypeRecord(
                r.Required("group_type"),
                r.Required("danish_name"),
                ParseOptionalInt(r, "members_min"),
                ParseOptionalInt(r, "members_max"),
                r["meetings_rule"],
                r["leader_roles"],
                r["funding_rule"],
                r["status"],
                r.Optional("source"))).ToList(),
            FundingRules = ReadCsv("funding_rules.csv").Select(r => new FundingRuleRecord(
                r.Required("rule"),
                r.Required("value"),
                decimal.TryParse(r["value"], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
                r["unit"],
                r["scope"],
                r["status"],
                r.Optional("source"))).ToList(),
        };
        data.CheckConsistency();
        return data;
    }

    // The seed joins these tables by name and code; a typo in a CSV must fail loudly here, not as a missing row later.
    private void CheckConsistency()
    {
        var regionNames = Regions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var regionCodes = Regions.Where(r => r.Code is not null).Select(r => r.Code!).ToHashSet(StringComparer.Ordinal);
        var councilKeys = HealthCouncils.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        var municipalityCodes = Municipalities.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var region in Regions.Where(r => r.SuccessorName is not null && !regionNames.Contains(r.SuccessorName)))
        {
            throw new InvalidDataException($"regions.csv: the successor of {region.Name} ('{region.SuccessorName}') is not a region.");
        }

        foreach (var municipality in Municipalities)
        {
            if (!regionCodes.Contains(municipality.RegionCode) || !regionNames.Contains(municipality.RegionName) || !regionNames.Contains(municipality.RegionFrom2027))
            {
                throw new InvalidDataException($"municipalities.csv: {municipality.Code} {municipality.Name} names an unknown region.");
            }

            if (!councilKeys.Contains(municipality.HealthCouncilKey))
            {
                throw new InvalidDataException($"municipalities.csv: {municipality.Code} names the unknown health council '{municipality.HealthCouncilKey}'.");
            }
        }

        foreach (var council in HealthCouncils)
        {
            if (!regionNames.Contains(council.RegionFrom2027))
            {
                throw new InvalidDataException($"health_councils.csv: {council.Key} names the unknown region '{council.RegionFrom2027}'.");
            }

            var unknown = council.MunicipalityCodes.FirstOrDefault(code => !municipalityCodes.Contains(code));
            if (unknown is not null)
            {
                throw new InvalidDataException($"health_councils.csv: {council.Key} lists the unknown municipality {unknown}.");
            }
        }
    }

    private static IReadOnlyList<CsvRecord> ReadCsv(string fileName)
    {
        var resource = $"{typeof(ReferenceData).Namespace}.{fileName}";
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from {typeof(ReferenceData).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return CsvReader.Read(reader.ReadToEnd(), fileName);
    }

    private static DateOnly ParseDate(CsvRecord record, string column) =>
        DateOnly.TryParseExact(record[column], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidDataException($"{record.Source} line {record.Line}: '{column}' is not an ISO date.");

    private static int? ParseOptionalInt(CsvRecord record, string column) =>
        record.Optional(column) switch
        {
            null => null,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new InvalidDataException($"{record.Source} line {record.Line}: '{column}' is not a whole number."),
        };
}
