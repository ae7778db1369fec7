using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.GraphQL.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dge.Api.Audit;

/// <summary>
/// The audit's <see cref="IChangeRecorder"/>: turns the change tracker's pending changes into audit entries, one per changed
/// entity: read before the save (when the original values are still known), completed after it (when created entities have their keys).
/// </summary>
public sealed class AuditRecorder : IChangeRecorder
{
    /// <summary>An API key's principal: its authentication type (the user's is the sign-in scheme).</summary>
    public const string ApiKeyAuthenticationType = "ApiKey";

    // Danish names stay readable in the stored JSON; it is served as a string value, never as markup.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string? Refusal(ClaimsPrincipal user) =>
        string.IsNullOrEmpty(Actor(user).Id) ? "Changes are audited by who made them: sign in or use an API key." : null;

    /// <summary>Notes every added, modified and deleted entity, with the fields that change; the entries follow once they are saved.</summary>
    public Func<IEnumerable<Entity>> Capture(WriteTransaction write)
    {
        var pending = new List<Pending>();
        foreach (var entry in write.Db.ChangeTracker.Entries<Entity>())
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

            // A created entity's values are read after the save: a key it holds of another entity created in the same change
            // (a new group's memberships) is only known then.
            var models = write.Models;
            if (entry.State == EntityState.Added)
            {
                pending.Add(new Pending(entry.Entity, null, () => Json(models, changed, p => p.CurrentValue)));
                continue;
            }

            var after = entry.State == EntityState.Deleted ? null : Json(models, changed, p => p.CurrentValue);
            pending.Add(new Pending(entry.Entity, Json(models, changed, p => p.OriginalValue), after is null ? null : () => after));
        }

        return () => Entries(write, pending);
    }

    /// <summary>The entries for everything captured, once the changes are saved (and created entities have keys).</summary>
    private static List<AuditEntry> Entries(WriteTransaction write, List<Pending> pending)
    {
        var (kind, actorId, actorName) = Actor(write.User);
        return pending.Select(p =>
        {
            var typeName = write.Models.NameOf(p.Entity.GetType());
            return new AuditEntry
            {
                At = write.Now,
                ActorKind = kind,
                ActorId = actorId,
                ActorName = actorName,
                Operation = write.Operation,
                EntityType = typeName,
                EntityKey = p.Entity.Id,
                EntityId = NodeId.Encode(typeName, p.Entity.Id),
                Before = p.Before,
                After = p.After?.Invoke(),
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

    private static string Json(ModelRegistry models, IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p => Value(models, p, value(p))), JsonOptions);

    /// <summary>Values as the API shows them: foreign keys as global ids, enums by their GraphQL names.</summary>
    private static object? Value(ModelRegistry models, PropertyEntry property, object? value)
    {
        if (value is int key && property.Metadata.GetContainingForeignKeys().FirstOrDefault() is { } foreignKey)
        {
            return NodeId.Encode(models.NameOf(foreignKey.PrincipalEntityType.ClrType), key);
        }

        return value is Enum member ? member.ToString().ToConstantCase() : value;
    }

    private sealed record Pending(Entity Entity, string? Before, Func<string>? After);
}
