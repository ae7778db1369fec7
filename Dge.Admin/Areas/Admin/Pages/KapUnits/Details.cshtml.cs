using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.KapUnits;

/// <summary>One KAP unit: its region, groups, secretariat, the region's clusters, its coverage on a chosen day, its annual report and history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminKapUnit";

    /// <summary>The day the active groups and coverage are for (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day => ReferenceDay.Or(AsOf);

    public KapUnitDetails KapUnit { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["id"] = id, ["asOf"] = ReferenceDay.Api(Day), ["activeGroups"] = IndexModel.ActiveGroups(Day) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);

        // An id that is not a KAP unit's (or not an id at all) is a page that does not exist.
        if (!response.IsSuccess || response.Read<KapUnitData>().Node is not { TypeName: "KapUnit" } unit)
        {
            return NotFound();
        }

        KapUnit = unit;
        History = await EntityHistory.LoadAsync(client, authorization, User, unit.Id, cancellationToken);
        return Page();
    }

    public sealed record KapUnitDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Code,
        string Name,
        int Version,
        RegionRef Region,
        Count Groups,
        Count ActiveGroups,
        Coordinators Coordinators,
        CoverageFigures Coverage);

    public sealed record RegionRef(string Id, string Name, DateOnly? ValidTo, Named? Successor, Clusters Clusters);

    public sealed record Clusters(int TotalCount, IReadOnlyList<ClusterRow> Nodes);

    public sealed record ClusterRow(string Id, string Name, Named Municipality);

    public sealed record Coordinators(int TotalCount, IReadOnlyList<CoordinatorRef> Nodes);

    public sealed record CoordinatorRef(string Id, string Name, string Role, DateOnly From, DateOnly? To);

    public sealed record Named(string Id, string Name);

    public sealed record Count(int TotalCount);

    private sealed record KapUnitData(KapUnitDetails? Node);
}
