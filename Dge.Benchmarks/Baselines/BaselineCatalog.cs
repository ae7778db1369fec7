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
}
