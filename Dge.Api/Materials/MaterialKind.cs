namespace Dge.Api.Materials;

/// <summary>Kind of learning material.</summary>
public enum MaterialKind
{
    /// <summary>Inspirationsmateriale for supervision groups.</summary>
    Inspiration,

    /// <summary>DGE-modul: about 3 hours of case work.</summary>
    Module,

    /// <summary>KGE module for a whole clinic.</summary>
    ClinicModule,

    /// <summary>SGE course material.</summary>
    SgeCourse,

    /// <summary>Klyngepakke: a package a quality cluster works through.</summary>
    ClusterPackage,

    /// <summary>E-læring.</summary>
    ELearning,

    /// <summary>Klinisk vejledning.</summary>
    Guideline,
}
