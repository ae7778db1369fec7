using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Regions;

/// <summary>
/// One region as of a chosen day: its municipalities then, its KAP unit, health councils and clusters, its coverage, and
/// the municipalities that belonged to it over time (the 2027 reform closes two regions and opens Østdanmark).
/// </summary>
public sealed class DetailsModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminRegion";

    /// <summary>The day the municipalities and coverage are for (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day => ReferenceDay.Or(AsOf);

    public RegionDetails Region { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["id"] = id, ["asOf"] = ReferenceDay.Api(Day) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);

        // An id that is not a region's (or not an id at all) is a page that does not exist.
        if (!response.IsSuccess || response.Read<RegionData>().Node is not { TypeName: "Region" } region)
        {
            return NotFound();
        }

        Region = region;
        return Page();
    }

    public sealed record RegionDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string? Code,
        string Name,
        string Seat,
        DateOnly ValidFrom,
        DateOnly? ValidTo,
        Successor? Successor,
        NodeList<Predecessor> Predecessors,
        CoverageFigures Coverage,
        Municipalities Municipalities,
        Periods MunicipalityPeriods,
        NodeList<KapUnitRef> KapUnits,
        NodeList<HealthCouncilRef> HealthCouncils,
        Coordinators Coordinators,
        Clusters Clusters)
    {
        public bool ExistsOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || ValidTo > day);
    }

    public sealed record Successor(string Id, string Name, DateOnly ValidFrom);

    public sealed record Predecessor(string Id, string Name, DateOnly? ValidTo);

    public sealed record Municipalities(int TotalCount, IReadOnlyList<MunicipalityRow> Nodes);

    public sealed record MunicipalityRow(string Id, string Code, string Name, Named HealthCouncil);

    public sealed record Periods(int TotalCount, IReadOnlyList<Period> Nodes);

    public sealed record Period(string Id, DateOnly From, DateOnly? To, MunicipalityRef Municipality);

    public sealed record MunicipalityRef(string Id, string Code, string Name);

    public sealed record KapUnitRef(string Id, string Code, string Name);

    public sealed record HealthCouncilRef(string Id, string Name, DateOnly InForceFrom);

    public sealed record Coordinators(int TotalCount, IReadOnlyList<CoordinatorRef> Nodes);

    public sealed record CoordinatorRef(string Id, string Name, string Role, DateOnly From, DateOnly? To);

    public sealed record Clusters(int TotalCount, IReadOnlyList<ClusterRow> Nodes);

    public sealed record ClusterRow(string Id, string Name, Named Municipality);

    public sealed record Named(string Id, string Name);

    private sealed record RegionData(RegionDetails? Node);
}
