using System.ComponentModel;

namespace Dge.Api.Coordinators;

[Description("The role a coordinator holds (rolle); the role decides the kind of scope.")]
public enum CoordinatorRole
{
    [Description("National DGE coordinator at PLO-E (national scope).")]
    NationalCoordinator,

    [Description("Efteruddannelseskoordinator, one per region (region scope).")]
    RegionalCoordinator,

    [Description("Efteruddannelsesvejleder: approves and advises groups (region scope).")]
    Advisor,

    [Description("Klyngekoordinator (cluster scope).")]
    ClusterCoordinator,

    [Description("KAP secretariat staff in the DGE duo leadership (KAP unit scope).")]
    Secretariat,

    [Description("Uddannelseskoordinator for young doctors' training (municipality scope).")]
    TrainingCoordinator,
}
