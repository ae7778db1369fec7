using System.ComponentModel;

namespace Dge.Api.Groups;

[Description("Kind of continuing-education group (gruppetype).")]
public enum GroupKind
{
    [Description("Standard DGE group (\"12-mandsforening\").")]
    Dge,

    [Description("Emnegruppe (topic group).")]
    Topic,

    [Description("Supervisionsgruppe, with an external supervisor.")]
    Supervision,

    [Description("Juniorgruppe / yngre læger: trainees and new GPs.")]
    Junior,

    [Description("Group for nynedsatte (newly established GPs).")]
    NewGp,

    [Description("Klinik Gruppebaseret Efteruddannelse: a whole clinic's team.")]
    Kge,
}
