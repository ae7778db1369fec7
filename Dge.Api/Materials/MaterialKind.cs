using System.ComponentModel;

namespace Dge.Api.Materials;

[Description("Kind of learning material (materialetype).")]
public enum MaterialKind
{
    [Description("Inspirationsmateriale for supervision groups.")]
    Inspiration,

    [Description("DGE-modul: about 3 hours of case work.")]
    Module,

    [Description("KGE module for a whole clinic.")]
    ClinicModule,

    [Description("SGE course material.")]
    SgeCourse,

    [Description("Klyngepakke: a package a quality cluster works through.")]
    ClusterPackage,

    [Description("E-læring.")]
    ELearning,

    [Description("Klinisk vejledning.")]
    Guideline,
}
