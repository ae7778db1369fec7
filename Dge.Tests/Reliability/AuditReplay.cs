using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dge.Api.Audit;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dge.Tests.Reliability;

/// <summary>The slice's rows as the audit shows them: per entity (its API type name and key), each content field's value as JSON.</summary>
public sealed class SliceSnapshot(Dictionary<(string Type, int Key), Dictionary<string, JsonNode?>> rows)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Dictionary<(string Type, int Key), Dictionary<string, JsonNode?>> Rows { get; } = rows;

    public static async Task<SliceSnapshot> TakeAsync(DgeDbContext db, SliceWorld world, ModelRegistry models)
    {
        var rows = new Dictionary<(string Type, int Key), Dictionary<string, JsonNode?>>();
        var groups = world.GroupKeys;
        var meetings = await db.Meetings.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.Id).ToListAsync();
        Add(rows, db, models, await db.Groups.AsNoTracking().Where(g => groups.Contains(g.Id)).ToListAsync());
        Add(rows, db, models, await db.GroupMemberships.AsNoTracking().Where(m => groups.Contains(m.GroupId)).ToListAsync());
        Add(rows, db, models, await db.Meetings.AsNoTracking().Where(m => groups.Contains(m.GroupId)).ToListAsync());
        Add(rows, db, models, await db.MeetingThemes.AsNoTracking().Where(t => meetings.Contains(t.MeetingId)).ToListAsync());
        Add(rows, db, models, await db.MeetingMaterials.AsNoTracking().Where(t => meetings.Contains(t.MeetingId)).ToListAsync());
        Add(rows, db, models, await db.MeetingAttendances.AsNoTracking().Where(t => meetings.Contains(t.MeetingId)).ToListAsync());
        Add(rows, db, models, await db.Doctors.AsNoTracking().Where(d => world.DoctorKeys.Contains(d.Id)).ToListAsync());
        Add(rows, db, models, await db.Clinics.AsNoTracking().Where(c => world.ClinicKeys.Contains(c.Id)).ToListAsync());
        Add(rows, db, models, await db.ClusterClinicMemberships.AsNoTracking().Where(m => world.ClinicKeys.Contains(m.ClinicId)).ToListAsync());
        Add(rows, db, models, await db.QualityClusters.AsNoTracking().Where(c => world.ClusterKeys.Contains(c.Id)).ToListAsync());
        Add(rows, db, models, await db.Themes.AsNoTracking().Where(t => world.ThemeKeys.Contains(t.Id)).ToListAsync());
        Add(rows, db, models, await db.LearningMaterials.AsNoTracking().Where(m => world.MaterialKeys.Contains(m.Id)).ToListAsync());
        Add(rows, db, models, await db.MaterialThemes.AsNoTracking().Where(t => world.MaterialKeys.Contains(t.MaterialId)).ToListAsync());
        Add(rows, db, models, await db.MaterialGroupKinds.AsNoTracking().Where(k => world.MaterialKeys.Contains(k.MaterialId)).ToListAsync());
        return new SliceSnapshot(rows);
    }

    /// <summary>
    /// Applies the audit entries in order onto this (earlier) snapshot and compares the result with <paramref name="now"/>:
    /// the differences, empty when the audit replays to the current state. An entry for a row the earlier snapshot did not
    /// hold must create it; one that changes or deletes a row must find the values it says were there before.
    /// </summary>
    public List<string> Replay(IEnumerable<AuditEntry> entries, SliceSnapshot now)
    {
        var state = Rows.ToDictionary(r => r.Key, r => r.Value.ToDictionary(f => f.Key, f => f.Value?.DeepClone()));
        var problems = new List<string>();
        var touched = new HashSet<(string Type, int Key)>();
        foreach (var entry in entries)
        {
            var key = (entry.EntityType, entry.EntityKey);
            touched.Add(key);
            var before = Fields(entry.Before);
            var after = Fields(entry.After);
            if (before is null && after is null)
            {
                problems.Add($"audit entry {entry.Id} ({entry.Operation} {key}) has neither before nor after");
                continue;
            }

            if (before is null)
            {
                if (state.ContainsKey(key))
                {
                    problems.Add($"audit entry {entry.Id} ({entry.Operation}) creates {key}, which exists already");
                }

                state[key] = after!;
                continue;
            }

            if (!state.TryGetValue(key, out var row))
            {
                problems.Add($"audit entry {entry.Id} ({entry.Operation}) changes {key}, unknown before it");
                continue;
            }

            foreach (var (field, value) in before.Where(f => !JsonNode.DeepEquals(row.GetValueOrDefault(f.Key), f.Value)))
            {
                problems.Add($"audit entry {entry.Id} ({entry.Operation}) says {key}.{field} was {value?.ToJsonString() ?? "null"}, but it was {row.GetValueOrDefault(field)?.ToJsonString() ?? "null"}");
            }

            if (after is null)
            {
                state.Remove(key);
                continue;
            }

            foreach (var (field, value) in after)
            {
                row[field] = value;
            }
        }

        foreach (var key in state.Keys.Union(now.Rows.Keys).Distinct())
        {
            var expected = state.GetValueOrDefault(key);
            var actual = now.Rows.GetValueOrDefault(key);
            if (expected is null || actual is null)
            {
                // A row created outside the slice's snapshot (e.g. a membership of a group created by the step) is compared only when the audit created it.
                if (expected is null && actual is not null && !Rows.ContainsKey(key) && !touched.Contains(key))
                {
                    problems.Add($"{key} exists, but no audit entry created it");
                }
                else if (expected is not null && actual is null)
                {
                    problems.Add($"{key} is gone, but no audit entry deleted it");
                }
                else if (expected is null && actual is not null)
                {
                    problems.Add($"{key} exists, but the audit deleted it");
                }

                continue;
            }

            foreach (var field in expected.Keys.Union(actual.Keys).Where(f => !JsonNode.DeepEquals(expected.GetValueOrDefault(f), actual.GetValueOrDefault(f))))
            {
                problems.Add($"{key}.{field} is {actual.GetValueOrDefault(field)?.ToJsonString() ?? "null"}, but the audit replays to {expected.GetValueOrDefault(field)?.ToJsonString() ?? "null"}");
            }
        }

        return problems;
    }

    private static Dictionary<string, JsonNode?>? Fields(string? json) =>
        json is null ? null : JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone());

    private static void Add<T>(Dictionary<(string Type, int Key), Dictionary<string, JsonNode?>> rows, DgeDbContext db, ModelRegistry models, IEnumerable<T> entities)
        where T : Entity
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var properties = entityType.GetProperties()
            .Where(p => p.Name is not (nameof(Entity.Id) or nameof(Entity.Version)) && p.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), inherit: false) != true)
            .ToList();
        var typeName = models.NameOf(typeof(T));
        foreach (var entity in entities)
        {
            rows[(typeName, entity.Id)] = properties.ToDictionary(
                p => JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p => JsonSerializer.SerializeToNode(Value(models, p, p.PropertyInfo!.GetValue(entity)), JsonOptions));
        }
    }

    /// <summary>The API's form of a stored value: a foreign key as the global id of what it names, an enum by its GraphQL name.</summary>
    private static object? Value(ModelRegistry models, IProperty property, object? value) =>
        value switch
        {
            int key when property.GetContainingForeignKeys().FirstOrDefault() is { } foreignKey => NodeId.Encode(models.NameOf(foreignKey.PrincipalEntityType.ClrType), key),
            Enum member => member.ToString().ToConstantCase(),
            _ => value,
        };
}
