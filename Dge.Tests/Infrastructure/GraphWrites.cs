using System.Text.Json;
using Dge.Api.Data;
using Dge.Api.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>The writes tests set their scene with, made through the mutations as an Editor, and the ids they read back.</summary>
public static class GraphWrites
{
    /// <summary>A new group in the first KAP unit, founded on <paramref name="foundedOn"/>; its global id.</summary>
    public static async Task<string> NewGroupAsync(this NationalGraph graph, string foundedOn = "2025-01-01")
    {
        await using var db = graph.OpenDb();
        var kapUnit = await db.KapUnits.AsNoTracking().OrderBy(k => k.Id).FirstAsync();
        var payload = await graph.PayloadAsync("createGroup", $"mutation($input: CreateGroupInput!) {{ createGroup(input: $input) {{ group {{ id }} {Mutating.Fields("NotFoundError")} }} }}",
            new { name = "Scenegruppen", kind = "DGE", kapUnitId = NodeId.Encode("KapUnit", kapUnit.Id), foundedOn });
        return payload.GetProperty("group").GetProperty("id").GetString()!;
    }

    /// <summary>Adds a member to a group; the membership's global id.</summary>
    public static async Task<string> AddMemberAsync(this NationalGraph graph, string groupId, string doctorId, string from, string? to = null)
    {
        var payload = await graph.PayloadAsync("addGroupMember", $"mutation($input: AddGroupMemberInput!) {{ addGroupMember(input: $input) {{ membership {{ id }} {Mutating.Fields("NotFoundError")} }} }}",
            new { groupId, doctorId, from, to });
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return payload.GetProperty("membership").GetProperty("id").GetString()!;
    }

    /// <summary>The global ids of <paramref name="count"/> entities of a type, in key order after skipping <paramref name="skip"/>.</summary>
    public static async Task<string[]> IdsAsync<T>(this NationalGraph graph, string typeName, int count, int skip = 0)
        where T : Entity
    {
        await using var db = graph.OpenDb();
        var keys = await db.Set<T>().AsNoTracking().OrderBy(e => e.Id).Skip(skip).Take(count).Select(e => e.Id).ToListAsync();
        return keys.Select(key => NodeId.Encode(typeName, key)).ToArray();
    }

    /// <summary>The stored version of the entity a global id names.</summary>
    public static async Task<int> VersionAsync<T>(this NationalGraph graph, string id, string typeName)
        where T : Entity
    {
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(id, typeName)!.Value;
        return (int)await db.Set<T>().AsNoTracking().Where(e => e.Id == key).Select(e => e.Version).SingleAsync();
    }

    /// <summary>Whether the entity a global id names is stored.</summary>
    public static async Task<bool> ExistsAsync<T>(this NationalGraph graph, string id, string typeName)
        where T : Entity
    {
        await using var db = graph.OpenDb();
        var key = NodeId.KeyOf(id, typeName)!.Value;
        return await db.Set<T>().AnyAsync(e => e.Id == key);
    }
}
