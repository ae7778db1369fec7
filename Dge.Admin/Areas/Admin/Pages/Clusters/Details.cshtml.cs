using System.Text.Json.Serialization;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Dge.Admin.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Clusters;

/// <summary>
/// One quality cluster on a date: its facts, its alignment with the groups, the package themes met and missed, its
/// uncovered doctors with suggested groups (added in one click by editors) and, for admins, its change history.
/// </summary>
public sealed class DetailsModel(IAdminGraphQLClient client, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    private static readonly string ClusterQuery = AdminOperations.Read("AdminCluster");
    private static readonly string HistoryQuery = AdminOperations.Read("AdminClusterHistory");

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public Cluster? Item { get; private set; }

    public IReadOnlyList<HistoryEntry>? History { get; private set; }

    /// <summary>Whether the visitor may add a suggested doctor to a group (editors and admins).</summary>
    public bool CanEdit { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? WarningMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var asOf = ReferenceDate.Parse(AsOf, ModelState, nameof(AsOf));
        var variables = new Dictionary<string, object?> { ["id"] = id, ["asOf"] = asOf is { } day ? Danish.Date(day) : null };
        var response = await client.ExecuteAsync(new GraphQLRequest(ClusterQuery, variables, "AdminCluster"), cancellationToken);
        var node = response.Data is null ? null : response.Read<ClusterData>().Node;

        // A malformed id is an error of the API, a well-formed unknown one a null node: both are "no such cluster".
        if (node is not { TypeName: "QualityCluster" })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!response.IsSuccess)
        {
            Error = string.Join(" ", response.Errors.Select(e => e.Message));
        }

        Item = node;
        CanEdit = await authorization.AllowsAsync(User, AdminPolicies.Edit);

        // History is the admins' (others get AUTH_NOT_AUTHORIZED on it), so it is asked for only when it will be shown.
        if (await authorization.AllowsAsync(User, AdminPolicies.Manage))
        {
            var history = await client.ExecuteAsync(new GraphQLRequest(HistoryQuery, new Dictionary<string, object?> { ["id"] = id }, "AdminClusterHistory"), cancellationToken);
            History = history.IsSuccess ? history.Read<HistoryData>().Node?.History?.Nodes ?? [] : null;
        }

        return Page();
    }

    /// <summary>Adds a suggested doctor to a group from the date shown (today when none), through <c>addGroupMember</c>.</summary>
    public async Task<IActionResult> OnPostAddAsync(string id, string doctorId, string groupId, CancellationToken cancellationToken)
    {
        if (!await authorization.AllowsAsync(User, AdminPolicies.Edit))
        {
            return Forbid();
        }

        var asOf = ReferenceDate.Parse(AsOf, ModelState, nameof(AsOf));
        if (!ModelState.IsValid)
        {
            ErrorMessage = "Datoen er ugyldig; vælg datoen igen og prøv på ny.";
            return RedirectToPage(new { id });
        }

        var from = asOf ?? DateOnly.FromDateTime(time.GetLocalNow().Date);
        var outcome = await client.MutateAsync<AddedMembership>("AdminAddSuggestedMember", new { doctorId, groupId, from = Danish.Date(from) }, cancellationToken);
        if (outcome is { Succeeded: true, Result: { } membership })
        {
            StatusMessage = $"{membership.Doctor.FirstName} {membership.Doctor.LastName} er tilføjet til {membership.Group.Name} fra {Danish.Date(membership.From)}.";
            WarningMessage = outcome.Warnings.Count == 0 ? null : string.Join(" ", outcome.Warnings.Select(w => w.Message));
        }
        else
        {
            ErrorMessage = "Lægen blev ikke tilføjet: " + string.Join(" ", outcome.Errors.Select(e => e.Message));
        }

        return RedirectToPage(new { id, asOf = AsOf });
    }

    public static string Share(double share) => Danish.Percent(share);

    public sealed record Cluster(
        [property: JsonPropertyName("__typename")] string TypeName,
        string Id,
        string Name,
        MunicipalityRef Municipality,
        RegionRef Region,
        ClinicPage Clinics,
        Alignment Alignment);

    public sealed record Named(string Name);

    /// <summary>The cluster's municipality, with its region on the date: from 2027 the reform's.</summary>
    public sealed record MunicipalityRef(string Name, Named? Region);

    public sealed record RegionRef(string Name, string? Code, Connection<KapUnitRef> KapUnits);

    public sealed record KapUnitRef(string Code, string Name);

    public sealed record ClinicPage(int TotalCount, IReadOnlyList<ClinicRef> Nodes);

    public sealed record ClinicRef(string Id, string Name, string Ydernummer);

    public sealed record Alignment(
        DateOnly AsOf,
        int ActiveDoctors,
        int CoveredDoctors,
        double? Coverage,
        int AlignedCoveredDoctors,
        double? AlignedCoverage,
        int NynedsatActive,
        int NynedsatCovered,
        double? NynedsatCoverage,
        IReadOnlyList<GroupAlignment> Groups,
        ThemeAlignment ThemeAlignment,
        IReadOnlyList<UncoveredDoctor> UncoveredDoctors);

    public sealed record GroupAlignment(GroupRef Group, int Members, int Overlap, double Share, bool Aligned);

    public sealed record GroupRef(string Id, string Name, string Kind);

    public sealed record ThemeAlignment(double? Ratio, IReadOnlyList<ThemeRef> PackageThemes, IReadOnlyList<ThemeRef> CoveredThemes, IReadOnlyList<ThemeRef> MissedThemes);

    public sealed record ThemeRef(string Code, string NameDa);

    public sealed record UncoveredDoctor(bool Nynedsat, DoctorRef Doctor, IReadOnlyList<Suggestion> Suggestions);

    public sealed record DoctorRef(string Id, string FirstName, string LastName, DateOnly? EstablishedOn);

    public sealed record Suggestion(int Rank, IReadOnlyList<string> Reasons, int FreePlaces, int Members, GroupRef Group);

    public sealed record HistoryEntry(string Id, DateTime At, string ActorKind, string ActorName, string Operation, string? Before, string? After);

    public sealed record Connection<T>(IReadOnlyList<T> Nodes);

    public sealed record AddedMembership(string Id, DateOnly From, DoctorName Doctor, Named Group);

    public sealed record DoctorName(string FirstName, string LastName);

    private sealed record ClusterData(Cluster? Node);

    private sealed record HistoryData(HistoryNode? Node);

    private sealed record HistoryNode(HistoryPage? History);

    private sealed record HistoryPage(IReadOnlyList<HistoryEntry> Nodes);
}
