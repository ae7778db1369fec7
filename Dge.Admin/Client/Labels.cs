namespace Dge.Admin.Client;

/// <summary>The API's enum values in the secretaries' words, in the order a select list offers them.</summary>
public static class Labels
{
    public static IReadOnlyList<(string Value, string Label)> GroupKinds { get; } =
    [
        ("DGE", "DGE-gruppe"),
        ("TOPIC", "Emnegruppe"),
        ("SUPERVISION", "Supervisionsgruppe"),
        ("JUNIOR", "Juniorgruppe"),
        ("NEW_GP", "Gruppe for nynedsatte"),
        ("KGE", "KGE-gruppe (klinik)"),
    ];

    public static IReadOnlyList<(string Value, string Label)> MembershipRoles { get; } =
    [
        ("MEMBER", "Medlem"),
        ("LEADER", "Gruppeleder"),
        ("TREASURER", "Kasserer"),
    ];

    public static IReadOnlyList<(string Value, string Label)> DoctorPhases { get; } =
    [
        ("GP", "Praktiserende læge"),
        ("TRAINEE", "Uddannelseslæge"),
        ("RETIRED", "Pensioneret"),
    ];

    public static IReadOnlyList<(string Value, string Label)> CoordinatorRoles { get; } =
    [
        ("ADVISOR", "Efteruddannelsesvejleder"),
        ("CLUSTER_COORDINATOR", "Klyngekoordinator"),
        ("REGIONAL_COORDINATOR", "Regional koordinator"),
        ("NATIONAL_COORDINATOR", "National koordinator"),
        ("TRAINING_COORDINATOR", "Uddannelseskoordinator"),
        ("SECRETARIAT", "Sekretariat"),
    ];

    public static IReadOnlyList<(string Value, string Label)> ClinicTypes { get; } =
    [
        ("PLO", "PLO-klinik"),
        ("REGION", "Regionsklinik"),
        ("TENDER", "Udbudsklinik"),
    ];

    public static IReadOnlyList<(string Value, string Label)> MaterialKinds { get; } =
    [
        ("MODULE", "DGE-modul"),
        ("INSPIRATION", "Inspirationsmateriale"),
        ("CLINIC_MODULE", "KGE-modul"),
        ("SGE_COURSE", "SGE-kursus"),
        ("CLUSTER_PACKAGE", "Klyngepakke"),
        ("E_LEARNING", "E-læring"),
        ("GUIDELINE", "Vejledning"),
    ];

    /// <summary>The label of <paramref name="value"/> in <paramref name="labels"/>, or the value itself when it is new.</summary>
    public static string Of(this IReadOnlyList<(string Value, string Label)> labels, string? value) =>
        labels.FirstOrDefault(l => l.Value == value).Label ?? value ?? "–";

    /// <summary>Whether <paramref name="value"/> is one of the choices (a posted select is checked before it reaches the API).</summary>
    public static bool Offers(this IReadOnlyList<(string Value, string Label)> labels, string? value) => labels.Any(l => l.Value == value);
}
