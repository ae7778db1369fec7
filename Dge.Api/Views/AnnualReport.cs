using System.ComponentModel;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Dge.Api.Data;
using Dge.Api.Data.Reference;
using Dge.Api.Groups;
using Dge.Api.Regions;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Views;

[Description("What an annual report covers (rapportniveau).")]
public enum AnnualReportScope
{
    [Description("A KAP unit (KAP-enhed): its groups, and coverage of the doctors in the region it was founded for.")]
    KapUnit,

    [Description("A region (region): the groups of its KAP units and of the KAP units of the regions it replaced, and coverage of the region as it stands on 31 December.")]
    Region,
}

/// <summary>The funding rates of <c>reference/funding_rules.csv</c> the annual report applies.</summary>
public sealed record FundingRates(decimal GroupGrantPerYear, decimal AttendeeFeePerMeeting, double MinimumMeetingHours)
{
    private const string GroupGrantRule = "DGE group yearly grant (OK22)";
    private const string AttendeeFeeRule = "Participant fee per DGE meeting";

    public static FundingRates Current { get; } = From(ReferenceData.Load());

    // The fee's minimum duration is stated only in the rule's unit text ("... if >=2 h professional content").
    public static FundingRates From(ReferenceData reference)
    {
        var grant = Rule(reference, GroupGrantRule);
        var fee = Rule(reference, AttendeeFeeRule);
        var minimum = Regex.Match(fee.Unit, @">=\s*(\d+(?:\.\d+)?)\s*h", RegexOptions.CultureInvariant);
        if (!minimum.Success)
        {
            throw new InvalidDataException($"funding_rules.csv: the rule '{AttendeeFeeRule}' states no minimum meeting duration (\">=N h\") in its unit.");
        }

        return new FundingRates(
            grant.Amount ?? throw new InvalidDataException($"funding_rules.csv: '{GroupGrantRule}' has no amount."),
            fee.Amount ?? throw new InvalidDataException($"funding_rules.csv: '{AttendeeFeeRule}' has no amount."),
            double.Parse(minimum.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static FundingRuleRecord Rule(ReferenceData reference, string name) =>
        reference.FundingRules.SingleOrDefault(r => r.Rule == name) ?? throw new InvalidDataException($"funding_rules.csv has no rule '{name}'.");
}

/// <summary>Groups of one kind in the year.</summary>
public sealed record GroupKindCount(GroupKind Kind, int Active, int Founded, int Dissolved);

/// <summary>A theme and the number of the year's meetings that treated it.</summary>
public sealed record ThemeCount(Theme Theme, int Meetings);

/// <summary>The funding the rules imply for the year.</summary>
public sealed record AnnualFunding(FundingRates Rates, int ActiveGroups, int QualifyingMeetings, int QualifyingAttendances)
{
    public decimal GroupGrants => Rates.GroupGrantPerYear * ActiveGroups;

    public decimal AttendeeFees => Rates.AttendeeFeePerMeeting * QualifyingAttendances;

    public decimal Total => GroupGrants + AttendeeFees;
}

/// <summary>The annual report of a KAP unit or a region (DOMAIN.md, "Annual report").</summary>
public sealed record AnnualReport(
    AnnualReportScope Scope,
    int ScopeId,
    string? Code,
    string Name,
    int Year,
    IReadOnlyList<GroupKindCount> GroupsByKind,
    int Meetings,
    double MeetingHours,
    int Attendances,
    IReadOnlyList<ThemeCount> TopThemes,
    CoverageFigures Coverage,
    AnnualFunding Funding)
{
    public int GroupsActive => GroupsByKind.Sum(k => k.Active);

    public int GroupsFounded => GroupsByKind.Sum(k => k.Founded);

    public int GroupsDissolved => GroupsByKind.Sum(k => k.Dissolved);
}

/// <summary>The annual report in SQL: six statements (scope, active groups by kind, founded and dissolved by kind, meetings, themes, coverage).</summary>
public static class AnnualReportQuery
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;
    public const int TopThemeCount = 10;

    public static bool IsValidYear(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>The report of the KAP unit with the code, or null when there is none.</summary>
    public static async Task<AnnualReport?> ForKapUnitAsync(DgeDbContext db, string code, int year, CancellationToken cancellationToken)
    {
        var unit = await db.KapUnits.AsNoTracking().FirstOrDefaultAsync(k => k.Code == code, cancellationToken);
        return unit is null
            ? null
            : await BuildAsync(db, AnnualReportScope.KapUnit, unit.Id, unit.Code, unit.Name, db.Groups.Where(g => g.KapUnitId == unit.Id), year, cancellationToken);
    }

    /// <summary>
    /// The report of the region that matches, or null when none does. A region that does not exist on any day of the
    /// year (Hovedstaden after 2026, Østdanmark before 2027) has no report: that is a typed error naming the region to ask for.
    /// </summary>
    public static async Task<AnnualReport?> ForRegionAsync(DgeDbContext db, Expression<Func<Region, bool>> matches, int year, CancellationToken cancellationToken)
    {
        var region = await db.Regions.AsNoTracking().Include(r => r.Successor).FirstOrDefaultAsync(matches, cancellationToken);
        if (region is null)
        {
            return null;
        }

        if (!region.IsActiveIn(year))
        {
            throw ViewErrors.RegionNotInForce(region, year);
        }

        var groups = db.Groups.Where(g => g.KapUnit!.RegionId == region.Id || g.KapUnit.Region!.SuccessorId == region.Id);
        return await BuildAsync(db, AnnualReportScope.Region, region.Id, region.Code, region.Name, groups, year, cancellationToken);
    }

    private static async Task<AnnualReport> BuildAsync(
        DgeDbContext db, AnnualReportScope scope, int scopeId, string? code, string name, IQueryable<DgeGroup> groups, int year, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rates = FundingRates.Current;

        var active = await groups.Where(Periods.ActiveIn<DgeGroup>(year))
            .GroupBy(g => g.Kind)
            .Select(k => new { Kind = k.Key, Count = k.Count() })
            .ToDictionaryAsync(k => k.Kind, k => k.Count, cancellationToken);
        var changed = await groups
            .Where(g => (g.From >= first && g.From <= last) || (g.To >= first && g.To <= last))
            .GroupBy(g => g.Kind)
            .Select(k => new
            {
                Kind = k.Key,
                Founded = k.Count(g => g.From >= first && g.From <= last),
                Dissolved = k.Count(g => g.To >= first && g.To <= last),
            })
            .ToDictionaryAsync(k => k.Kind, cancellationToken);

        // "Group in (the scope's groups)" rather than "exists a scope group for the meeting": SQLite then reads the scope's
        // groups first and each one's meetings of the year from (GroupId, Date), not every meeting of the year in the country.
        var groupIds = groups.Select(g => g.Id);
        var meetings = from m in db.Meetings
                       where groupIds.Contains(m.GroupId) && m.Date >= first && m.Date <= last
                       select m;
        var minimumHours = rates.MinimumMeetingHours;
        // One group of all the scope's meetings of the year: at most one row.
        var totals = await meetings
            .GroupBy(m => 1)
            .Select(g => new
            {
                Meetings = g.Count(),
                Hours = g.Sum(m => m.DurationHours),
                Attendances = g.Sum(m => m.Attendances.Count),
                Qualifying = g.Count(m => m.DurationHours >= minimumHours),
                QualifyingAttendances = g.Sum(m => m.DurationHours >= minimumHours ? m.Attendances.Count : 0),
            })
            .SingleOrDefaultAsync(cancellationToken);

        // From the year's meetings to their themes, not from every meeting theme of every year to its meeting.
        var themes = await (
                from m in meetings
                join t in db.MeetingThemes on m.Id equals t.MeetingId
                group t by t.ThemeId into g
                select new { ThemeId = g.Key, Meetings = g.Count() } into c
                join theme in db.Themes.AsNoTracking() on c.ThemeId equals theme.Id
                orderby c.Meetings descending, theme.Code
                select new ThemeCount(theme, c.Meetings))
            .Take(TopThemeCount)
            .ToListAsync(cancellationToken);

        var coverageScope = scope == AnnualReportScope.KapUnit ? CoverageScope.KapUnit : CoverageScope.Region;
        var coverage = (await CoverageQuery.ForScopesAsync(db, coverageScope, last, [scopeId], cancellationToken))[scopeId];

        var byKind = Enum.GetValues<GroupKind>()
            .Select(kind => new GroupKindCount(
                kind,
                active.GetValueOrDefault(kind),
                changed.TryGetValue(kind, out var c) ? c.Founded : 0,
                changed.TryGetValue(kind, out var d) ? d.Dissolved : 0))
            .ToList();
        var funding = new AnnualFunding(rates, byKind.Sum(k => k.Active), totals?.Qualifying ?? 0, totals?.QualifyingAttendances ?? 0);
        return new AnnualReport(scope, scopeId, code, name, year, byKind, totals?.Meetings ?? 0, totals?.Hours ?? 0, totals?.Attendances ?? 0, themes, coverage, funding);
    }
}
