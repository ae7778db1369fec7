namespace Dge.Benchmarks.Baselines;

/// <summary>Every operation's baseline, by operation name.</summary>
public static class BaselineCatalog
{
    public static IReadOnlyList<Baseline> All { get; } =
    [
        new TypenameBaseline(),
        new DoctorsByYdernummerBaseline(),
        new NewGpsInRegionPagedBaseline(),
        new GroupWithMembersAndLastMeetingsBaseline(),
        new ClusterWithClinicsAndDoctorsBaseline(),
        new CreateGroupBaseline(),
        new RecordMeetingBaseline(),
        new CreateApiKeyBaseline(),
        new UpdateThemeBaseline(),
        new RetireLearningMaterialBaseline(),
        new RegionCoverageBaseline(),
        new CoverageByScopeBaseline(),
        new AdvisorWorkloadBaseline(),
        new AnnualReportBaseline(),
        new ReformImpactBaseline(),
        new NynedsatteGroupSuggestionsBaseline(),
        new ClusterAlignmentLowestInRegionBaseline(),
    ];

    public static Baseline? For(string operation) => All.FirstOrDefault(b => b.Operation == operation);

    /// <summary>The role an operation is sent with: its baseline's choice, else Reader for a query and Editor for a mutation.</summary>
    public static string RoleFor(Operation operation) =>
        For(operation.Name)?.Role ?? (operation.Kind == OperationKind.Mutation ? Dge.Api.Access.Roles.Editor : Dge.Api.Access.Roles.Reader);
}
