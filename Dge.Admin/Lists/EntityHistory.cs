using System.Security.Claims;
using Dge.Admin.Access;
using Dge.Admin.Client;
using Microsoft.AspNetCore.Authorization;

namespace Dge.Admin.Lists;

/// <summary>
/// An entity's change history for its details page: the newest 20 audit entries naming its global id. The audit log is
/// for admins (the API refuses it to others), so for anyone else it is not asked for at all.
/// </summary>
public sealed record EntityHistory(string EntityId, bool Allowed, IReadOnlyList<EntityHistory.Entry> Entries)
{
    private static readonly string HistoryQuery = AdminOperations.Read("AdminEntityHistory");

    public static async Task<EntityHistory> LoadAsync(
        IAdminGraphQLClient client, IAuthorizationService authorization, ClaimsPrincipal user, string entityId, CancellationToken cancellationToken)
    {
        if (!await authorization.AllowsAsync(user, AdminPolicies.Manage))
        {
            return new EntityHistory(entityId, false, []);
        }

        var response = await client.ExecuteAsync(
            new GraphQLRequest(HistoryQuery, new Dictionary<string, object?> { ["id"] = entityId }, "AdminEntityHistory"), cancellationToken);
        return new EntityHistory(entityId, true, response.IsSuccess ? response.Read<HistoryData>().AuditLog.Nodes : []);
    }

    public sealed record Entry(DateTime At, string ActorName, string Operation, string? Before, string? After);

    private sealed record HistoryData(NodeList<Entry> AuditLog);
}
