using static Dge.Admin.Areas.Admin.Pages.Import.IndexModel;

namespace Dge.Admin.Areas.Admin.Pages.Import;

/// <summary>The API's row problems (stable codes, English messages) in the coordinators' words, naming the row's own values.</summary>
public static class ImportProblems
{
    public static RowProblem Danish(ImportProblem problem, GroupCsvValues? row)
    {
        var doctor = row?.Doctor ?? string.Empty;
        var text = problem.Code switch
        {
            "UNKNOWN_KAP_UNIT" => $"KAP-enheden »{row?.KapUnit}« findes ikke.",
            "UNKNOWN_YDERNUMMER" => $"Ingen klinik har ydernummer »{row?.Ydernummer}«.",
            "UNKNOWN_DOCTOR" => $"Lægen »{doctor}« findes ikke. Skriv lægens fulde navn, e-mail eller id.",
            "DOCTOR_NOT_IN_CLINIC" => $"Lægen »{doctor}« arbejder ikke i klinikken med ydernummer {row?.Ydernummer} (fra medlemskabets start til i dag).",
            "AMBIGUOUS_DOCTOR" => $"Flere læger i klinikken {row?.Ydernummer} hedder »{doctor}«. Skriv lægens e-mail i stedet.",
            "DUPLICATE_MEMBER" => $"Dublet: »{doctor}« står allerede i gruppen på en tidligere linje.",
            "GROUP_EXISTS" => $"Gruppen »{row?.Group}« findes allerede i {row?.KapUnit}. Importen opretter kun nye grupper; tilføj medlemmer til en eksisterende gruppe på gruppens side.",
            "GROUP_MISMATCH" => "Gruppens type og stiftelsesdato skal være de samme på alle gruppens linjer.",
            "LEADER_EXISTS" => "Gruppen har allerede en gruppeleder i perioden; en gruppe har én leder ad gangen.",
            "GROUP_NOT_ACTIVE" => "Medlemskabet starter, før gruppen er stiftet.",
            "OVERLAPPING_MEMBERSHIP" => $"»{doctor}« er allerede medlem af gruppen i perioden.",
            "REQUIRED" => $"{Column(problem.Field)} mangler.",
            "TOO_LONG" => $"{Column(problem.Field)} er for lang.",
            "DATE_OUT_OF_RANGE" => $"{Column(problem.Field)} skal ligge mellem 1900 og 2999.",
            _ => $"{Column(problem.Field)}: {problem.Message}",
        };
        return new RowProblem(text, problem.Message);
    }

    /// <summary>The CSV column an API input field comes from.</summary>
    public static string Column(string field) => field switch
    {
        "groupName" => "Gruppens navn (gruppe)",
        "kapUnitCode" => "KAP-enheden (kap_enhed)",
        "kind" => "Gruppetypen (type)",
        "foundedOn" => "Stiftelsesdatoen (stiftet)",
        "ydernummer" => "Ydernummeret",
        "doctor" => "Lægen (laege)",
        "role" => "Rollen (rolle)",
        "from" => "Startdatoen (fra)",
        _ => "Rækken",
    };
}
