using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.HealthCouncils;

/// <summary>One health council: its region from 2027, the municipalities it covers, and its coverage on a chosen day.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client) : PageModel
{
    private const string Operation = "AdminHealthCouncil";

    /// <summary>The day the coverage is for (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day => ReferenceDay.Or(AsOf);

    public CouncilDetails Council { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, object?> { ["id"] = id, ["asOf"] = ReferenceDay.Api(Day) };
        var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), variables, Operation), cancellationToken);

        // An id that is not a health council's (or not an id at all) is a page that does not exist.
        if (!response.IsSuccess || response.Read<CouncilData>().Node is not { TypeName: "HealthCouncil" } council)
        {
            return NotFound();
        }

        Council = council;
        return Page();
    }

    public sealed record CouncilDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Key,
        string Name,
        DateOnly InForceFrom,
        Named Region,
        Municipalities Municipalities,
        CoverageFigures Coverage);

    public sealed record Named(string Id, string Name);

    public sealed record Municipalities(int TotalCount, IReadOnlyList<MunicipalityRef> Nodes);

    public sealed record MunicipalityRef(string Id, string Code, string Name);

    private sealed record CouncilData(CouncilDetails? Node);
}
