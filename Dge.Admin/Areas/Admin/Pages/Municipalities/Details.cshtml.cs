using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Municipalities;

/// <summary>One municipality: its region on a chosen day and over time, its health council, clinics, clusters, coordinators and coverage.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminMunicipality";

    /// <summary>The day the region and coverage are for (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day => ReferenceDay.Or(AsOf);

    public MunicipalityDetails Municipality { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["id"] = id, ["asOf"] = ReferenceDay.Api(Day) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);

        // An id that is not a municipality's (or not an id at all) is a page that does not exist.
        if (!response.IsSuccess || response.Read<MunicipalityData>().Node is not { TypeName: "Municipality" } municipality)
        {
            return NotFound();
        }

        Municipality = municipality;
        return Page();
    }

    public sealed record MunicipalityDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Code,
        string Name,
        Named? Region,
        NodeList<Period> RegionHistory,
        HealthCouncilRef HealthCouncil,
        Count Clinics,
        Clusters Clusters,
        NodeList<CoordinatorRef> Coordinators,
        CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    public sealed record Period(string Id, DateOnly From, DateOnly? To, Named Region);

    public sealed record HealthCouncilRef(string Id, string Name, DateOnly InForceFrom, Named Region);

    public sealed record Clusters(int TotalCount, IReadOnlyList<Named> Nodes);

    public sealed record CoordinatorRef(string Id, string Name, string Role, DateOnly From, DateOnly? To);

    private sealed record MunicipalityData(MunicipalityDetails? Node);
}
