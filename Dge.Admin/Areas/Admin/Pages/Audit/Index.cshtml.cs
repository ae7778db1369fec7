using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dge.Admin.Areas.Admin.Pages.Audit;

/// <summary>The audit log, newest first, filtered by who, what and when (a GET form, so a filtered view is a link). Admins only.</summary>
[Authorize(Policy = AdminPolicies.Manage)]
public sealed class IndexModel(IAdminGraphQLClient client) : PageModel
{
    public const int PageSize = 50;

    private static readonly string LogQuery = AdminOperations.Read("AdminAuditLog");

    /// <summary>Part of the user's e-mail or the API key's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    /// <summary>The entity's type, e.g. DgeGroup.</summary>
    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    /// <summary>One entity's global id: its whole history.</summary>
    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public AuditPage? Log { get; private set; }

    public string? LoadError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (From > To)
        {
            ModelState.AddModelError(nameof(To), "Til-datoen skal ligge efter fra-datoen.");
            return;
        }

        var variables = new Dictionary<string, object?> { ["where"] = Where(), ["after"] = string.IsNullOrEmpty(After) ? null : After };
        var response = await client.ExecuteAsync(new GraphQLRequest(LogQuery, variables, "AdminAuditLog"), cancellationToken);
        if (!response.IsSuccess)
        {
            LoadError = string.Join(" ", response.Errors.Select(e => e.Message));
            return;
        }

        Log = response.Read<LogData>().AuditLog;
    }

    /// <summary>The query string of the next page: the same filters, after the last entry shown.</summary>
    public Dictionary<string, string?> NextPage(string cursor) => new()
    {
        ["who"] = Who,
        ["entityType"] = EntityType,
        ["entityId"] = EntityId,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["after"] = cursor,
    };

    /// <summary>The filters as the API's where: each given one narrows the list; the day "to" is included.</summary>
    private Dictionary<string, object>? Where()
    {
        var conditions = new List<Dictionary<string, object>>();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            conditions.Add(new() { ["actorName"] = new Dictionary<string, object> { ["contains"] = Who.Trim() } });
        }

        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            conditions.Add(new() { ["entityType"] = new Dictionary<string, object> { ["eq"] = EntityType.Trim() } });
        }

        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            conditions.Add(new() { ["entityId"] = new Dictionary<string, object> { ["eq"] = EntityId.Trim() } });
        }

        if (From is { } from)
        {
            conditions.Add(new() { ["at"] = new Dictionary<string, object> { ["gte"] = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) } });
        }

        if (To is { } to)
        {
            conditions.Add(new() { ["at"] = new Dictionary<string, object> { ["lt"] = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) } });
        }

        return conditions.Count == 0 ? null : new() { ["and"] = conditions };
    }

    public sealed record AuditPage(int TotalCount, PageInfo PageInfo, IReadOnlyList<AuditRow> Nodes);

    public sealed record PageInfo(bool HasNextPage, string? EndCursor);

    public sealed record AuditRow(string Id, DateTime At, string ActorKind, string ActorName, string Operation, string EntityType, string EntityId, string? Before, string? After);

    private sealed record LogData(AuditPage? AuditLog);
}
