using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dge.Api.Audit;

/// <summary>
/// Turns the change tracker's pending changes into audit entries, one per changed entity: read before the save (when the
/// original values are still known), completed after it (when created entities have their keys).
/// </summary>
public sealed class AuditRecorder(ModelRegistry models, ClaimsPrincipal user, string operation, DateTime at)
{
    /// <summary>An API key's principal: its authentication type (the user's is the sign-in scheme).</summary>
    public const string ApiKeyAuthenticationType = "ApiKey";

    // Danish names stay readable in the stored JSON; it is served as a string value, never as markup.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Pending> _pending = [];

    /// <summary>Notes every added, modified and deleted entity, with the fields that change.</summary>
    public void Capture(DgeDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            var changed = entry.State switch
            {
                EntityState.Added => entry.Properties.Where(IsAudited).ToList(),
                EntityState.Deleted => entry.Properties.Where(IsAudited).ToList(),
                EntityState.Modified => entry.Properties.Where(p => IsAudited(p) && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList(),
                _ => [],
            };
            if (changed.Count == 0 || entry.Entity is AuditEntry)
            {
                continue;
            }

            _pending.Add(new Pending(
                entry.Entity,
                entry.State == EntityState.Added ? null : Json(changed, p => p.OriginalValue),
                entry.State == EntityState.Deleted ? null : Json(changed, p => p.CurrentValue)));
        }
    }

    /// <summary>The entries for everything captured, once the changes are saved (and created entities have keys).</summary>
    public IReadOnlyList<AuditEntry> Entries()
    {
        var (kind, actorId, actorName) = Actor(user);
        return _pending.Select(p =>
        {
            var typeName = TypeName(p.Entity.GetType());
            return new AuditEntry
            {
                At = at,
                ActorKind = kind,
                ActorId = actorId,
                ActorName = actorName,
                Operation = operation,
                EntityType = typeName,
                EntityKey = p.Entity.Id,
                EntityId = NodeId.Encode(typeName, p.Entity.Id),
                Before = p.Before,
                After = p.After,
            };
        }).ToList();
    }

    /// <summary>Who the caller is, as the audit names them: the principal conventions of users and API keys.</summary>
    public static (AuditActorKind Kind, string Id, string Name) Actor(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var kind = user.Identity?.AuthenticationType == ApiKeyAuthenticationType ? AuditActorKind.ApiKey : AuditActorKind.User;
        return (kind, id, user.Identity?.Name ?? id);
    }

    // The key and the version are bookkeeping, not content: the entry's entity id and the next entry say them. Secrets' hashes are never kept.
    private static bool IsAudited(PropertyEntry property) =>
        property.Metadata.Name is not (nameof(Entity.Id) or nameof(Entity.Version))
        && property.Metadata.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), inherit: false) != true;

    private string Json(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p => Value(p, value(p))), JsonOptions);

    /// <summary>Values as the API shows them: foreign keys as global ids, enums by their GraphQL names.</summary>
    private object? Value(PropertyEntry property, object? value)
    {
        if (value is int key && property.Metadata.GetContainingForeignKeys().FirstOrDefault() is { } foreignKey)
        {
            return NodeId.Encode(TypeName(foreignKey.PrincipalEntityType.ClrType), key);
        }

        return value is Enum member ? member.ToString().ToConstantCase() : value;
    }

    private string TypeName(Type clrType) => models.NameOf(clrType);

    private sealed record Pending(Entity Entity, string? Before, string? After);
}
