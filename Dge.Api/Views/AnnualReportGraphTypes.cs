using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary><c>AnnualReport</c>.</summary>
public sealed class AnnualReportGraphType : ObjectGraphType<AnnualReport>
{
    public AnnualReportGraphType()
    {
        Name = "AnnualReport";
        Description = "Annual report (årsrapport) of a KAP unit or a region for a year, for KEU, the KAP steering committee, PLO-E and Fonden for Almen Praksis. A group is active in the year when it is active on at least one day of it. Also downloadable as CSV from /reports/annual/{kapUnitCode}/{year}.csv.";
        Field("scope", ViewTypes.NonNull(nameof(AnnualReportScope))).Description("What the report covers (rapportniveau).").Resolve(c => c.Source.Scope);
        Field("code", ViewTypes.Nullable("String")).Description("The KAP unit's or region's code (kode).").Resolve(c => c.Source.Code);
        Field("name", ViewTypes.NonNull("String")).Description("The KAP unit's or region's name (navn).").Resolve(c => c.Source.Name);
        Field("year", ViewTypes.NonNull("Int")).Description("The year (år).").Resolve(c => c.Source.Year);
        Field("groupsActive", ViewTypes.NonNull("Int")).Description("Groups active in the year (aktive grupper): active on at least one day of it: founded on or before 31 December, and dissolved (its first day without activity), if at all, after 1 January.").Resolve(c => c.Source.GroupsActive);
        Field("groupsFounded", ViewTypes.NonNull("Int")).Description("Groups founded in the year (stiftede grupper): foundedOn in the year.").Resolve(c => c.Source.GroupsFounded);
        Field("groupsDissolved", ViewTypes.NonNull("Int"))
            .Description("Groups dissolved in the year (nedlagte grupper): dissolvedOn (the first day no longer active) in the year.")
            .Resolve(c => c.Source.GroupsDissolved);
        Field("groupsByKind", ViewTypes.ListOf("GroupKindCount")).Description("The same counts per group kind (gruppetype), every kind listed.").Resolve(c => c.Source.GroupsByKind);
        Field("meetings", ViewTypes.NonNull("Int")).Description("Meetings (møder) held in the year by the scope's groups.").Resolve(c => c.Source.Meetings);
        Field("meetingHours", ViewTypes.NonNull("Float")).Description("Their total duration in hours (mødetimer).").Resolve(c => c.Source.MeetingHours);
        Field("attendances", ViewTypes.NonNull("Int")).Description("Attendances (fremmøder) at those meetings.").Resolve(c => c.Source.Attendances);
        Field("topThemes", ViewTypes.ListOf("ThemeCount"))
            .Description($"The {AnnualReportQuery.TopThemeCount} themes most often treated at the year's meetings (hyppigste emner), most meetings first, then by theme code.")
            .Resolve(c => c.Source.TopThemes);
        Field("coverage", ViewTypes.NonNull("Coverage"))
            .Description("Coverage and nynedsat coverage (dækning) on 31 December of the year: for a KAP unit, of the doctors in the region it was founded for; for a region, of the region as it stands on that day.")
            .Resolve(c => c.Source.Coverage);
        Field("funding", ViewTypes.NonNull("AnnualFunding")).Description("The funding (tilskud) the rules in reference/funding_rules.csv imply.").Resolve(c => c.Source.Funding);
    }
}

/// <summary><c>GroupKindCount</c>.</summary>
public sealed class GroupKindCountGraphType : ObjectGraphType<GroupKindCount>
{
    public GroupKindCountGraphType()
    {
        Name = "GroupKindCount";
        Description = "Groups of one kind (gruppetype) in a report year.";
        Field("kind", ViewTypes.NonNull("GroupKind")).Description("The group kind (gruppetype).").Resolve(c => c.Source.Kind);
        Field("active", ViewTypes.NonNull("Int")).Description("Active in the year (aktive).").Resolve(c => c.Source.Active);
        Field("founded", ViewTypes.NonNull("Int")).Description("Founded in the year (stiftede).").Resolve(c => c.Source.Founded);
        Field("dissolved", ViewTypes.NonNull("Int")).Description("Dissolved in the year (nedlagte).").Resolve(c => c.Source.Dissolved);
    }
}

/// <summary><c>ThemeCount</c>.</summary>
public sealed class ThemeCountGraphType : ObjectGraphType<ThemeCount>
{
    public ThemeCountGraphType()
    {
        Name = "ThemeCount";
        Description = "A theme (emne) and how many of the year's meetings treated it.";
        Field("theme", ViewTypes.NonNull("Theme")).Description("The theme (emne).").Resolve(c => c.Source.Theme);
        Field("meetings", ViewTypes.NonNull("Int")).Description("Meetings that treated it (møder).").Resolve(c => c.Source.Meetings);
    }
}

/// <summary><c>AnnualFunding</c>.</summary>
public sealed class AnnualFundingGraphType : ObjectGraphType<AnnualFunding>
{
    public AnnualFundingGraphType()
    {
        Name = "AnnualFunding";
        Description = "Funding implied by reference/funding_rules.csv (tilskud): the yearly grant per active group plus the participant fee (efteruddannelseshonorar) per attendee of each meeting lasting at least the rule's minimum. Amounts in DKK.";
        Field("groupGrantPerYear", ViewTypes.NonNull("Float")).Description("Grant per active group per year in DKK (gruppetilskud), from the rule 'DGE group yearly grant (OK22)'.")
            .Resolve(c => (double)c.Source.Rates.GroupGrantPerYear);
        Field("activeGroups", ViewTypes.NonNull("Int")).Description("Groups active in the year (aktive grupper): active on at least one day of it: founded on or before 31 December, and dissolved (its first day without activity), if at all, after 1 January.").Resolve(c => c.Source.ActiveGroups);
        Field("groupGrants", ViewTypes.NonNull("Float")).Description("groupGrantPerYear × activeGroups, DKK (gruppetilskud i alt).").Resolve(c => (double)c.Source.GroupGrants);
        Field("attendeeFeePerMeeting", ViewTypes.NonNull("Float"))
            .Description("Fee per attendee per qualifying meeting in DKK (efteruddannelseshonorar), from the rule 'Participant fee per DGE meeting'.")
            .Resolve(c => (double)c.Source.Rates.AttendeeFeePerMeeting);
        Field("minimumMeetingHours", ViewTypes.NonNull("Float")).Description("The shortest meeting that qualifies for the fee, in hours (minimum varighed).").Resolve(c => c.Source.Rates.MinimumMeetingHours);
        Field("qualifyingMeetings", ViewTypes.NonNull("Int")).Description("Meetings in the year of at least minimumMeetingHours (honorarberettigede møder).").Resolve(c => c.Source.QualifyingMeetings);
        Field("qualifyingAttendances", ViewTypes.NonNull("Int")).Description("Attendances at those meetings (honorarberettigede fremmøder).").Resolve(c => c.Source.QualifyingAttendances);
        Field("attendeeFees", ViewTypes.NonNull("Float")).Description("attendeeFeePerMeeting × qualifyingAttendances, DKK (honorarer i alt).").Resolve(c => (double)c.Source.AttendeeFees);
        Field("total", ViewTypes.NonNull("Float")).Description("groupGrants + attendeeFees, DKK (i alt).").Resolve(c => (double)c.Source.Total);
    }
}
