using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Limits;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary><c>AdvisorWorkloadReport</c>: the advisor workload view.</summary>
public sealed class AdvisorWorkloadReportGraphType : ObjectGraphType<AdvisorWorkloadReport>
{
    public AdvisorWorkloadReportGraphType()
    {
        Name = "AdvisorWorkloadReport";
        Description = "Advisor workload (vejlederbelastning) on a reference date: every efteruddannelsesvejleder (coordinator with role ADVISOR) active on asOf, with the groups active on asOf they advise.";
        Field("asOf", ViewTypes.NonNull("Date")).Description("The reference date (skæringsdato).").Resolve(c => c.Source.AsOf);
        Field("threshold", ViewTypes.NonNull("Int"))
            .Description("Advisors with more active groups than this are flagged (grænse); the default comes from the configuration Dge:Views:AdvisorGroupThreshold.")
            .Resolve(c => c.Source.Threshold);
        Field("advisorsOverThreshold", ViewTypes.NonNull("Int")).Description("How many advisors are over the threshold (over grænsen).").Resolve(c => c.Source.AdvisorsOverThreshold);
        Field("nodes", ViewTypes.ListOf("AdvisorWorkload"))
            .Description("One row per advisor, most active groups first, then by name.")
            .WithCost(ViewCosts.AdvisorRows)
            .Resolve(c => c.Source.Advisors);
    }
}

/// <summary><c>AdvisorWorkload</c>: one advisor's load.</summary>
public sealed class AdvisorWorkloadGraphType : ObjectGraphType<AdvisorWorkload>
{
    public AdvisorWorkloadGraphType()
    {
        Name = "AdvisorWorkload";
        Description = "One advisor's (efteruddannelsesvejleder's) workload on asOf: the active groups advised and their current members.";
        Field("advisor", ViewTypes.NonNull("Coordinator")).Description("The advisor (vejleder).").Resolve(c => c.Source.Advisor);
        Field("activeGroups", ViewTypes.NonNull("Int")).Description("Groups active on asOf that the advisor advises (vejledte grupper).").Resolve(c => c.Source.ActiveGroups);
        Field("currentMembers", ViewTypes.NonNull("Int"))
            .Description("Distinct doctors with a membership active on asOf in those groups (medlemmer); a doctor in two of them counts once.")
            .Resolve(c => c.Source.CurrentMembers);
        Field("memberships", ViewTypes.NonNull("Int"))
            .Description("Memberships active on asOf in those groups (medlemskaber); a doctor in two of them counts twice.")
            .Resolve(c => c.Source.Memberships);
        Field("overThreshold", ViewTypes.NonNull("Boolean")).Description("Whether activeGroups is above the report's threshold (over grænsen).").Resolve(c => c.Source.OverThreshold);
        Field("groups", ViewTypes.ListOf("DgeGroup"))
            .Description("The active groups advised (vejledte grupper), by name.")
            .Resolve(c =>
            {
                var day = c.Source.AsOf;
                return c.LoadBatched($"view:advisor.groups@{day:O}", c.Source.Advisor.Id, (db, ids, ct) => AdvisorWorkloadQuery.GroupsAsync(db, day, ids, ct), snapshot: true)
                    .Then(groups => groups ?? []);
            });
    }
}
