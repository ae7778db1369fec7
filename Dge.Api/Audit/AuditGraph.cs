using Dge.Api.Access;
using Dge.Api.GraphQL;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Sorting;

namespace Dge.Api.Audit;

/// <summary>The GraphQL shape of <see cref="AuditEntry"/>: the root <c>auditLog</c> and each editable entity's <c>history</c>, for admins.</summary>
public static class AuditGraph
{
    public static EntityModel<AuditEntry> Model { get; } =
        new EntityModel<AuditEntry>("AuditEntry", "One committed change to one entity (revisionsspor): who made it, when, through which mutation, and the changed fields before and after. Admin only.", "auditLog", "Every committed change (revisionsspor), for admins; filter by entityType, entityId, operation, actor or at, and sort by at.")
            .ReadOnly()
            .Requires(Roles.Admin)
            .Scalar("at", a => a.At, "When the change was committed (tidspunkt), in UTC.")
            .Scalar("actorKind", a => a.ActorKind, "Who made it: USER or API_KEY.")
            .Scalar("actorId", a => a.ActorId, "The user's id, or apikey:<id> for an API key.")
            .Scalar("actorName", a => a.ActorName, "The user's e-mail or the API key's name.")
            .Scalar("operation", a => a.Operation, "The mutation that made the change, e.g. updateGroup.")
            .Scalar("entityType", a => a.EntityType, "The changed entity's type, e.g. DgeGroup.")
            .Scalar("entityId", a => a.EntityId, "The changed entity's global id.")
            .Scalar("before", a => a.Before, "The changed fields before the change, as a JSON object (references as global ids); null for a created entity.")
            .Scalar("after", a => a.After, "The changed fields after the change, as a JSON object (references as global ids); null for a deleted entity.");

    /// <summary>The <c>history</c> of every editable entity, for admins; newest first when not ordered otherwise.</summary>
    public static EditableModelConnection History { get; } =
        new(HistoryOf, [new Dictionary<string, object?> { ["at"] = SortDirection.Desc }], Roles.Admin);

    public static QueryType AddAuditQueries(this QueryType query)
    {
        query.AddConnection(Model).RequireRole(Roles.Admin);
        return query;
    }

    /// <summary>An entity's own audit entries, newest first unless ordered otherwise.</summary>
    private static ConnectionField HistoryOf(EntityModel model)
    {
        var typeName = model.Name;
        return model.ConnectionTo(
            "history",
            db => db.AuditEntries.Where(a => a.EntityType == typeName),
            a => a.EntityKey,
            $"The changes to this {model.Name} (historik), newest first unless ordered otherwise. Admin only.");
    }
}
