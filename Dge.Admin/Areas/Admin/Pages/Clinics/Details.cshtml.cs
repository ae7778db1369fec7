using System.Text.Json.Serialization;
using Dge.Admin.Client;
using Dge.Admin.Lists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clinics;

/// <summary>One clinic: its municipality and cluster, its cluster memberships over time, the doctors working there now, every employment, its history.</summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization) : PageModel
{
    private const string Operation = "AdminClinic";

    public ClinicDetails Clinic { get; private set; } = null!;

    public EntityHistory History { get; private set; } = null!;

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await ClinicDetails.LoadAsync(client, id, cancellationToken) is not { } clinic)
        {
            return NotFound();
        }

        Clinic = clinic;
        History = await EntityHistory.LoadAsync(client, authorization, User, clinic.Id, cancellationToken);
        return Page();
    }

    /// <summary>The clinic as the page and its forms show it; null for an id that is not a clinic's.</summary>
    public sealed record ClinicDetails(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Name,
        string Ydernummer,
        string Address,
        string Type,
        bool IsTutorPractice,
        DateOnly? ClosedOn,
        int Version,
        MunicipalityRef Municipality,
        Named? Cluster,
        ClusterMemberships ClusterMemberships,
        Doctors Doctors,
        Employments Employments)
    {
        public bool IsClosed(DateOnly today) => ClosedOn <= today;

        public static async Task<ClinicDetails?> LoadAsync(IAdminGraphQLClient client, string id, CancellationToken cancellationToken)
        {
            var response = await client.ExecuteAsync(new GraphQLRequest(AdminOperations.Read(Operation), new Dictionary<string, object?> { ["id"] = id }, Operation), cancellationToken);

            // An id that is not a clinic's (or not an id at all) is a page that does not exist.
            return response.IsSuccess && response.Read<ClinicData>().Node is { TypeName: "Clinic" } clinic ? clinic : null;
        }
    }

    public sealed record MunicipalityRef(string Id, string Name, Named? Region);

    public sealed record Named(string Id, string Name);

    public sealed record ClusterMemberships(int TotalCount, IReadOnlyList<ClusterMembership> Nodes);

    public sealed record ClusterMembership(string Id, DateOnly From, DateOnly? To, Named Cluster);

    public sealed record Doctors(int TotalCount, IReadOnlyList<DoctorRef> Nodes);

    public sealed record DoctorRef(string Id, string FirstName, string LastName, string Phase)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    public sealed record Employments(int TotalCount, IReadOnlyList<Employment> Nodes);

    public sealed record Employment(string Id, DateOnly From, DateOnly? To, DoctorRef Doctor);

    private sealed record ClinicData(ClinicDetails? Node);
}
