namespace Dge.Api.Data.Reference;

/// <summary>A row of regions.csv. <see cref="ValidThrough"/> is the inclusive last day, as the source states it.</summary>
public sealed record RegionRecord(
    string? Code,
    string Name,
    string Seat,
    DateOnly ValidFrom,
    DateOnly? ValidThrough,
    string? SuccessorName,
    int? GpCount2019,
    string? QualityUnit,
    int? ClusterEstimate);

/// <summary>A row of municipalities.csv: the region before 2027, the region from 2027 and the health council.</summary>
public sealed record MunicipalityRecord(
    string Code,
    string Name,
    string RegionCode,
    string RegionName,
    string RegionFrom2027,
    string HealthCouncilKey);

/// <summary>A row of health_councils.csv.</summary>
public sealed record HealthCouncilRecord(
    string Key,
    string Name,
    string RegionFrom2027,
    IReadOnlyList<string> MunicipalityCodes);

/// <summary>A row of themes.csv.</summary>
public sealed record ThemeRecord(string Code, string NameDa, string NameEn, string Category);

/// <summary>A row of group_types.csv: the group types the regions describe, with their member norms.</summary>
public sealed record GroupTypeRecord(
    string Code,
    string DanishName,
    int? MembersMin,
    int? MembersMax,
    string MeetingsRule,
    string LeaderRoles,
    string FundingRule,
    string Status,
    string? Source);

/// <summary>A row of funding_rules.csv. <see cref="Amount"/> is the value when it is a number.</summary>
public sealed record FundingRuleRecord(
    string Rule,
    string Value,
    decimal? Amount,
    string Unit,
    string Scope,
    string Status,
    string? Source);
