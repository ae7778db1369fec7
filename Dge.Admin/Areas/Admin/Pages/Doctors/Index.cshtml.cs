using System.Globalization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Doctors;

/// <summary>
/// The doctors: search in first and last name, filter by the current clinic's region or KAP unit, by phase and by nynedsat,
/// sort, page, export as CSV. E-mail and phone are personal data and stay on the doctor's own page (never in the list or the CSV).
/// </summary>
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminDoctors";

    public static IReadOnlyList<SortColumn> Columns { get; } =
    [
        new("lastName", "lastName"),
        new("firstName", "firstName"),
        new("phase", "phase"),
        new("established", "establishedOn"),
        new("clinic", "clinic.name"),
    ];

    /// <summary>Part of the first or the last name; every word must match one of them.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The region of the doctor's current clinic (its global id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The KAP unit (code) whose region the doctor's current clinic lies in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? KapUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    /// <summary>Only GPs established in the 24 months up to today (DOMAIN.md: nynedsat).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Nynedsat { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public SortColumn Order => ListQuery.Sort(Sort, Columns);

    public Connection<DoctorRow>? Doctors { get; private set; }

    public IReadOnlyList<KapUnitChoice> KapUnits { get; private set; } = [];

    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        KapUnits = await KapUnitChoice.LoadAsync(client, cancellationToken);
        // The filter offers the regions in force today (the reform's new ones from their first day).
        Regions = (await RegionChoice.LoadAsync(client, cancellationToken)).Where(r => r.ExistsOn(DateOnly.FromDateTime(DateTime.UtcNow))).ToList();
        var variables = Variables();
        foreach (var (key, value) in ListQuery.Page(After, Before))
        {
            variables[key] = value;
        }

        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Doctors = response.Read<DoctorsData>().Doctors;
    }

    /// <summary>The filtered list, every page of it, in the chosen order, as CSV for Excel; without e-mail and phone.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await client.ReadAllAsync(Operation, Variables(), response => response.Read<DoctorsData>().Doctors, cancellationToken);
        if (rows is null)
        {
            return BadRequest($"Listen har over {ListQuery.ExportLimit} læger; afgræns den med filtrene først.");
        }

        return CsvFile.Create(
            "laeger.csv",
            ["Efternavn", "Fornavn", "Fase", "Nedsat", "Pensioneret", "Klinik", "Ydernummer", "Kommune", "Id"],
            rows.Select(d => (IReadOnlyList<string?>)
                [d.LastName, d.FirstName, Labels.DoctorPhases.Of(d.Phase), d.EstablishedOn is null ? null : Danish.Date(d.EstablishedOn), d.RetiredOn is null ? null : Danish.Date(d.RetiredOn), d.Clinic?.Name, d.Clinic?.Ydernummer, d.Clinic?.Municipality.Name, d.Id]));
    }

    private Dictionary<string, object?> Variables()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var words = (Q ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var where = ListQuery.And(
            [
                .. words.Select(word => ListQuery.Search(word, "firstName", "lastName")),
                ListQuery.Field("clinic.municipality.region.id", "eq", Region),
                ListQuery.Field("clinic.municipality.region.kapUnits.some.code", "eq", KapUnit),
                Labels.DoctorPhases.Offers(Phase) ? ListQuery.Field("phase", "eq", Phase) : null,
                Nynedsat ? ListQuery.Field("phase", "eq", "GP") : null,

                // Nynedsat on a day: established in (day − 24 months, day].
                Nynedsat ? ListQuery.Field("establishedOn", "gt", Day(today.AddMonths(-24))) : null,
                Nynedsat ? ListQuery.Field("establishedOn", "lte", Day(today)) : null,
            ]);
        return new() { ["where"] = where, ["order"] = Order.Order() };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed record DoctorRow(string Id, string FirstName, string LastName, string Phase, DateOnly? EstablishedOn, DateOnly? RetiredOn, ClinicRef? Clinic);

    public sealed record ClinicRef(string Id, string Name, string Ydernummer, Named Municipality);

    public sealed record Named(string Name);

    private sealed record DoctorsData(Connection<DoctorRow> Doctors);
}
