namespace Dge.Api.Groups;

/// <summary>Kind of continuing-education group.</summary>
public enum GroupKind
{
    /// <summary>Standard DGE group ("12-mandsforening").</summary>
    Dge,

    /// <summary>Emnegruppe (topic group).</summary>
    Topic,

    /// <summary>Supervisionsgruppe, with an external supervisor.</summary>
    Supervision,

    /// <summary>Juniorgruppe / yngre læger: trainees and new GPs.</summary>
    Junior,

    /// <summary>Group for nynedsatte (newly established GPs).</summary>
    NewGp,

    /// <summary>Klinik Gruppebaseret Efteruddannelse: a whole clinic's team.</summary>
    Kge,
}
