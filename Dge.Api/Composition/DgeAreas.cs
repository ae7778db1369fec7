using Dge.Api.Access;
using Dge.Api.Audit;
using Dge.Api.Backup;
using Dge.Api.Clinics;
using Dge.Api.Clusters;
using Dge.Api.Coordinators;
using Dge.Api.Doctors;
using Dge.Api.GraphQL;
using Dge.Api.Groups;
using Dge.Api.HealthCouncils;
using Dge.Api.KapUnits;
using Dge.Api.Materials;
using Dge.Api.Meetings;
using Dge.Api.Municipalities;
using Dge.Api.Regions;
using Dge.Api.Themes;
using Dge.Api.Views;

namespace Dge.Api.Composition;

/// <summary>
/// The composition root of the schema: the one list of domain areas. Each area names its models (<c>XType.cs</c>), its
/// root query fields (<c>XQueries.cs</c>) and its mutations (<c>XMutations.cs</c>); the views also bring their own types and the fields they add to the areas' models,
/// and the audit its <c>history</c> on every editable model and the recorder of every mutation's changes.
/// The GraphQL engine builds the schema from this list and knows no area by name.
/// </summary>
public static class DgeAreas
{
    public static IReadOnlyList<SchemaArea> All { get; } =
    [
        new(RegionQueries.AddRegionQueries) { Models = [RegionType.Model] },
        new(MunicipalityQueries.AddMunicipalityQueries) { Models = [MunicipalityType.Model, MunicipalityType.PeriodModel] },
        new(HealthCouncilQueries.AddHealthCouncilQueries) { Models = [HealthCouncilType.Model] },
        new(KapUnitQueries.AddKapUnitQueries) { Models = [KapUnitType.Model] },
        new(ClusterQueries.AddClusterQueries)
        {
            Models = [QualityClusterType.Model, QualityClusterType.MembershipModel, QualityClusterType.AdoptionModel],
            Mutations = mutation => mutation.AddClusterMutations(),
        },
        new(ClinicQueries.AddClinicQueries) { Models = [ClinicEntityType.Model], Mutations = mutation => mutation.AddClinicMutations() },
        new(DoctorQueries.AddDoctorQueries) { Models = [DoctorType.Model, DoctorType.EmploymentModel], Mutations = mutation => mutation.AddDoctorMutations() },
        new(GroupQueries.AddGroupQueries)
        {
            Models = [DgeGroupType.Model, DgeGroupType.MembershipModel],
            Types = GroupImport.Types,
            Mutations = mutation => mutation.AddGroupMutations().AddMembershipMutations().AddGroupImportMutations(),
        },
        new(MeetingQueries.AddMeetingQueries) { Models = [MeetingType.Model], Mutations = mutation => mutation.AddMeetingMutations() },
        new(ThemeQueries.AddThemeQueries) { Models = [ThemeType.Model], Mutations = mutation => mutation.AddThemeMutations() },
        new(MaterialQueries.AddMaterialQueries)
        {
            Models = [LearningMaterialType.Model, LearningMaterialType.IntendedKindModel],
            Mutations = mutation => mutation.AddMaterialMutations(),
        },
        new(CoordinatorQueries.AddCoordinatorQueries) { Models = [CoordinatorType.Model], Mutations = mutation => mutation.AddCoordinatorMutations() },
        new(ViewQueries.AddViewQueries) { Types = ViewType.Types, Extensions = ViewType.Extensions },
        new(AccessQueries.AddAccessQueries) { Types = AccessMutations.Types, Mutations = mutation => mutation.AddAccessMutations() },
        new(BackupQueries.AddBackupQueries),
        new(UserAccounts.AddUserQueries) { Types = UserAccounts.Types, Mutations = mutation => mutation.AddUserMutations() },
        new(query => query.AddAuditQueries())
        {
            Models = [AuditGraph.Model],
            EditableModelConnections = [AuditGraph.History],
            ChangeRecorder = new AuditRecorder(),
        },
    ];
}
