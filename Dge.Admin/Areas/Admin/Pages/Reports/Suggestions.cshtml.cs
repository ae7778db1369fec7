using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Reports;

/// <summary>
/// The nynedsatte of a region in no group on a date, each with the open groups that could take them (a GET page, so the
/// landing page links to it per region).
/// </summary>
public sealed class SuggestionsModel(IAdminGraphQLClient client, TimeProvider time) : PageModel
{
    private static readonly string Query = AdminOperations.Read("AdminNynedsatteSuggestions");

    /// <summary>The region's code, or its global id for a region without a code yet (Region Østdanmark).</summary>
    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public RegionRef? RegionFound { get; private set; }

    public DateOnly Day { get; private set; }

    public int TotalCount { get; private set; }

    public IReadOnlyList<DoctorLine> Doctors { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Day = ReferenceDate.Parse(AsOf, ModelState, nameof(AsOf)) ?? DateOnly.FromDateTime(time.GetLocalNow().Date);
        if (string.IsNullOrWhiteSpace(Region))
        {
            ModelState.AddModelError(nameof(Region), "Vælg en region.");
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        var region = Region!.Trim();
        var filter = region.All(char.IsAsciiDigit)
            ? new Dictionary<string, object> { ["code"] = new Dictionary<string, object> { ["eq"] = region } }
            : new Dictionary<string, object> { ["id"] = new Dictionary<string, object> { ["eq"] = region } };

        // Nynedsat on the day: established in the 24 months before it, the day itself included.
        var variables = new Dictionary<string, object?>
        {
            ["asOf"] = Danish.Date(Day),
            ["since"] = Danish.Date(Day.AddMonths(-24)),
            ["region"] = filter,
        };
        var response = await client.ExecuteAsync(new GraphQLRequest(Query, variables, "AdminNynedsatteSuggestions"), cancellationToken);
        if (!response.IsSuccess)
        {
            Error = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        var data = response.Read<SuggestionsData>();
        RegionFound = data.Region.Nodes.FirstOrDefault();
        if (RegionFound is null)
        {
            ModelState.AddModelError(nameof(Region), $"Der er ingen region med koden {region}.");
            return;
        }

        TotalCount = data.Doctors.TotalCount;
        Doctors = data.Doctors.Nodes;
    }

    public sealed record RegionRef(string Id, string? Code, string Name);

    public sealed record DoctorLine(string Id, string FirstName, string LastName, DateOnly? EstablishedOn, ClinicRef? Clinic, IReadOnlyList<Suggestion> GroupSuggestions);

    public sealed record ClinicRef(string Name, MunicipalityRef Municipality);

    public sealed record MunicipalityRef(string Name);

    public sealed record Suggestion(int Rank, IReadOnlyList<string> Reasons, int FreePlaces, int Members, GroupRef Group);

    public sealed record GroupRef(string Id, string Name, string Kind);

    private sealed record SuggestionsData(Connection<RegionRef> Region, DoctorPage Doctors);

    private sealed record DoctorPage(int TotalCount, IReadOnlyList<DoctorLine> Nodes);

    private sealed record Connection<T>(IReadOnlyList<T> Nodes);
}
