using Dge.Api.Data;

namespace Dge.Api.Audit;

/// <summary>
/// One committed change to one entity (revisionsspor): who made it, when, through which mutation, and the changed
/// fields before and after. Written in the same transaction as the change; never edited.
/// </summary>
public sealed class AuditEntry : Entity
{
    /// <summary>When the change was committed, in UTC.</summary>
    public DateTime At { get; set; }

    public AuditActorKind ActorKind { get; set; }

    /// <summary>The user's id, or <c>apikey:&lt;id&gt;</c> for an API key.</summary>
    public required string ActorId { get; set; }

    /// <summary>The user's e-mail or the API key's name.</summary>
    public required string ActorName { get; set; }

    /// <summary>The mutation that made the change, e.g. <c>updateGroup</c>.</summary>
    public required string Operation { get; set; }

    /// <summary>The GraphQL type name of the changed entity, e.g. <c>DgeGroup</c>.</summary>
    public required string EntityType { get; set; }

    /// <summary>The changed entity's key, for an entity's own history.</summary>
    public int EntityKey { get; set; }

    /// <summary>The changed entity's global id.</summary>
    public required string EntityId { get; set; }

    /// <summary>The changed fields before the change, as a JSON object; null for a created entity.</summary>
    public string? Before { get; set; }

    /// <summary>The changed fields after the change, as a JSON object; null for a deleted entity.</summary>
    public string? After { get; set; }
}
