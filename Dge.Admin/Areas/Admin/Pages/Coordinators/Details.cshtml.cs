using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Coordinators;

/// <summary>One coordinator: role, scope, the doctor holding the role, the groups advised, contact (personal, shown only here and on the edit form), history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminCoordinator";

    public CoordinatorDetails Coordinator { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await CoordinatorDetails.LoadAsync(client, id, cancellationToken) is not { } coordinator)
        {
            return NotFound();
        }

        Coordinator = coordinator;
        History = await EntityHistory.LoadAsync(client, authorization, User, coordinator.Id, cancellationToken);
        return Page();
    }

    /// <summary>The coordinator as the page and its forms show it; null for an id that is not a coordinator's.</summary>
    public sealed record CoordinatorDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Name,
        string Role,
        string? Email,
        DateOnly From,
        DateOnly? To,
        double WeeklyHours,
        int Version,
        ScopeRef? Region,
        ScopeRef? KapUnit,
        ScopeRef? Cluster,
        ScopeRef? Municipality,
        DoctorRef? Doctor,
        Groups AdvisedGroups)
    {
        public Scope? Scope => Scope.Of(Region, KapUnit, Cluster, Municipality);

        public bool HasEnded(DateOnly today) => To <= today;

        public static async Task<CoordinatorDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a coordinator's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<CoordinatorData>().Node is { TypeName: "Coordinator" } coordinator ? coordinator : null;
        }
    }

    public sealed record DoctorRef(string Id, string FirstName, string LastName)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    public sealed record Groups(int TotalCount, IReadOnlyList<GroupRef> Nodes);

    public sealed record GroupRef(string Id, string Name, string Kind, DateOnly? DissolvedOn);

    private sealed record CoordinatorData(CoordinatorDetails? Node);
}
