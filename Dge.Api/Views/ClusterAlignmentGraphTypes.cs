using Dge.Api.Doctors;
using Dge.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace Dge.Api.Views;

/// <summary><c>ClusterAlignment</c>: how a quality cluster's doctors line up with the DGE groups on a reference date.</summary>
public sealed class ClusterAlignmentGraphType : ObjectGraphType<ClusterAlignment>
{
    public const int DefaultSuggestions = 3;

    public ClusterAlignmentGraphType()
    {
        Name = "ClusterAlignment";
        Description = "Cluster–group alignment (klynge–gruppe-sammenhæng) of a quality cluster on a reference date. The cluster's doctors are the active GPs whose clinic is a member of the cluster on asOf; a group active on asOf is aligned with the cluster when at least half (share ≥ 0.5) of its current members are the cluster's doctors.";
        Field("cluster", ViewTypes.NonNull("QualityCluster")).Description("The quality cluster (kvalitetsklynge).").Resolve(c => c.Source.Cluster);
        CoverageFields.AddTo(this, a => a.Figures);
        Field("alignedCoveredDoctors", ViewTypes.NonNull("Int"))
            .Description("The cluster's doctors with a current membership in a group aligned with the cluster (dækket af klyngegruppe).")
            .Resolve(c => c.Source.AlignedCoveredDoctors);
        Field("alignedCoverage", ViewTypes.Nullable("Float"))
            .Description("Aligned coverage (klyngedækning) = alignedCoveredDoctors / activeDoctors; null when the cluster has no active doctors.")
            .Resolve(c => c.Source.AlignedCoverage);
        Field("groups", ViewTypes.ListOf("ClusterGroupAlignment"))
            .Description("The groups active on asOf that draw current members from the cluster's doctors (grupper med medlemmer fra klyngen), largest overlap first.")
            .Resolve(c =>
            {
                var basis = c.Source.Basis;
                return c.LoadBatched($"view:alignment.groups#{basis.Id}", c.Source.Cluster.Id, (db, ids, ct) => ClusterAlignmentQuery.GroupsAsync(db, basis, ids, ct), snapshot: true);
            });
        Field("themeAlignment", ViewTypes.NonNull("ThemeAlignment"))
            .Description($"Theme alignment (emnesammenhæng): which themes of the cluster's packages active on asOf the aligned groups met on in the {ViewRules.ThemeWindowMonths} months before asOf (meeting date in (asOf − {ViewRules.ThemeWindowMonths} months, asOf]).")
            .Resolve(c =>
            {
                var basis = c.Source.Basis;
                return c.LoadBatched($"view:alignment.themes#{basis.Id}", c.Source.Cluster.Id, (db, ids, ct) => ClusterAlignmentQuery.ThemesAsync(db, basis, ids, ct), snapshot: true);
            });
        Field("uncoveredDoctors", ViewTypes.ListOf("UncoveredDoctor"))
            .Description("The cluster's doctors in no group on asOf (udækkede læger), by name, with nynedsatte flagged.")
            .Argument(new GraphQLTypeReference("Boolean"), "nynedsatOnly", a =>
            {
                a.Description = $"Only nynedsatte (established in the {Nynedsat.Months} months before asOf). Default false.";
                a.DefaultValue = false;
            })
            .Resolve(c =>
            {
                var basis = c.Source.Basis;
                var nynedsatOnly = c.GetArgument("nynedsatOnly", false);
                return c.LoadBatched($"view:alignment.uncovered#{basis.Id}", c.Source.Cluster.Id, (db, ids, ct) => ClusterAlignmentQuery.UncoveredAsync(db, basis, ids, ct), snapshot: true)
                    .Then(doctors => (doctors ?? []).Where(d => !nynedsatOnly || d.IsNynedsat).ToList());
            });
    }
}

/// <summary><c>ClusterGroupAlignment</c>: a group drawing members from a cluster.</summary>
public sealed class ClusterGroupAlignmentGraphType : ObjectGraphType<ClusterGroupAlignment>
{
    public ClusterGroupAlignmentGraphType()
    {
        Name = "ClusterGroupAlignment";
        Description = "A DGE group that draws current members from a quality cluster's doctors (gruppe med medlemmer fra klyngen), with its overlap and share.";
        Field("group", ViewTypes.NonNull("DgeGroup")).Description("The group (gruppe).").Resolve(c => c.Source.Group);
        Field("overlap", ViewTypes.NonNull("Int")).Description("Overlap (overlap): the group's current members who are doctors of the cluster.").Resolve(c => c.Source.Overlap.Overlap);
        Field("members", ViewTypes.NonNull("Int"))
            .Description("The group's current members (medlemmer) on asOf, of any phase: trainees count here, so they lower the share.")
            .Resolve(c => c.Source.Overlap.Members);
        Field("share", ViewTypes.NonNull("Float")).Description("Share (andel) = overlap / members.").Resolve(c => c.Source.Overlap.Share);
        Field("aligned", ViewTypes.NonNull("Boolean")).Description("Aligned (klyngegruppe): share ≥ 0.5; exactly half is aligned.").Resolve(c => c.Source.Overlap.Aligned);
    }
}

/// <summary><c>ThemeAlignment</c>: a cluster's package themes covered and missed by its aligned groups.</summary>
public sealed class ThemeAlignmentGraphType : ObjectGraphType<ThemeAlignment>
{
    public ThemeAlignmentGraphType()
    {
        Name = "ThemeAlignment";
        Description = $"Theme alignment (emnesammenhæng) of a cluster: the themes of its cluster packages (klyngepakker) active on asOf, and whether at least one aligned group held a meeting on each in the {ViewRules.ThemeWindowMonths} months before asOf (meeting date in (asOf − {ViewRules.ThemeWindowMonths} months, asOf]).";
        Field("ratio", ViewTypes.Nullable("Float"))
            .Description("Share of the package themes covered (andel dækkede emner); null when the cluster has no package active on asOf.")
            .Resolve(c => c.Source.Ratio);
        Field("packageThemes", ViewTypes.ListOf("Theme")).Description("The themes of the cluster's packages active on asOf (klyngepakkernes emner), by code.").Resolve(c => c.Source.PackageThemes);
        Field("coveredThemes", ViewTypes.ListOf("Theme")).Description($"Package themes an aligned group met on in the window, meeting date in (asOf − {ViewRules.ThemeWindowMonths} months, asOf] (dækkede emner).").Resolve(c => c.Source.CoveredThemes);
        Field("missedThemes", ViewTypes.ListOf("Theme")).Description($"Package themes no aligned group met on in the window, meeting date in (asOf − {ViewRules.ThemeWindowMonths} months, asOf] (manglende emner).").Resolve(c => c.Source.MissedThemes);
    }
}

/// <summary><c>UncoveredDoctor</c>: a cluster doctor in no group, with suggestions.</summary>
public sealed class UncoveredDoctorGraphType : ObjectGraphType<UncoveredDoctor>
{
    public UncoveredDoctorGraphType()
    {
        Name = "UncoveredDoctor";
        Description = "An active doctor of a cluster who is in no group on asOf (udækket læge).";
        Field("doctor", ViewTypes.NonNull("Doctor")).Description("The doctor (læge).").Resolve(c => c.Source.Doctor);
        Field("nynedsat", ViewTypes.NonNull("Boolean"))
            .Description($"Whether the doctor is nynedsat on asOf: established in the {Nynedsat.Months} months before it.")
            .Resolve(c => c.Source.IsNynedsat);
        AddField(GroupSuggestionFields.ForUncoveredDoctor());
    }
}

/// <summary><c>ClusterAlignmentFilterInput</c>.</summary>
public sealed class ClusterAlignmentFilterInputGraphType : InputObjectGraphType
{
    public ClusterAlignmentFilterInputGraphType()
    {
        Name = "ClusterAlignmentFilterInput";
        Description = "Which clusters to align (filter); all given conditions must hold. Regions are as they stand on asOf, through the region of the cluster's municipality.";
        Field("regionCode", new GraphQLTypeReference("String")).Description("Official code of the region (regionskode) the cluster's municipality belongs to on asOf, e.g. 1082.");
        Field("regionId", new GraphQLTypeReference("ID")).Description("Global id of that region; use it for Region Østdanmark, which has no code yet.");
        Field("municipalityCode", new GraphQLTypeReference("String")).Description("Code of the municipality (kommunekode) the cluster mainly serves, e.g. 0751.");
    }
}

/// <summary><c>ClusterAlignmentSortInput</c>.</summary>
public sealed class ClusterAlignmentSortInputGraphType : InputObjectGraphType
{
    public static readonly IReadOnlyList<string> Keys = ["alignedCoverage", "coverage", "nynedsatCoverage", "activeDoctors", "name"];

    public ClusterAlignmentSortInputGraphType()
    {
        Name = "ClusterAlignmentSortInput";
        Description = "Sort order for cluster alignments, applied in the order given; clusters without active doctors (null ratios) come last in either direction, and the cluster's id breaks ties.";
        Field("alignedCoverage", new GraphQLTypeReference("SortEnumType")).Description("By aligned coverage (klyngedækning).");
        Field("coverage", new GraphQLTypeReference("SortEnumType")).Description("By coverage (dækningsgrad).");
        Field("nynedsatCoverage", new GraphQLTypeReference("SortEnumType")).Description("By nynedsat coverage.");
        Field("activeDoctors", new GraphQLTypeReference("SortEnumType")).Description("By the number of the cluster's doctors.");
        Field("name", new GraphQLTypeReference("SortEnumType")).Description("By the cluster's name (navn).");
    }
}
