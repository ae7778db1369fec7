namespace Dge.Api.Coordinators;

/// <summary>The role a coordinator holds; the role decides the kind of scope.</summary>
public enum CoordinatorRole
{
    /// <summary>National DGE coordinator at PLO-E (national scope).</summary>
    NationalCoordinator,

    /// <summary>Efteruddannelseskoordinator, one per region (region scope).</summary>
    RegionalCoordinator,

    /// <summary>Efteruddannelsesvejleder: approves and advises groups (region scope).</summary>
    Advisor,

    /// <summary>Klyngekoordinator (cluster scope).</summary>
    ClusterCoordinator,

    /// <summary>KAP secretariat staff in the DGE duo leadership (KAP unit scope).</summary>
    Secretariat,

    /// <summary>Uddannelseskoordinator for young doctors' training (municipality scope).</summary>
    TrainingCoordinator,
}
