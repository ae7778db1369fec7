using System.Security.Claims;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Audit;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Infrastructure;

/// <summary>Runs mutations in-process as an Editor (or another caller) and reads their payloads and audit entries.</summary>
public static class Mutating
{
    /// <summary>Runs <paramref name="document"/> with <c>$input</c> and returns the payload of <paramref name="field"/>, failing on any GraphQL error.</summary>
    public static async Task<JsonElement> PayloadAsync(this NationalGraph graph, string field, string document, object input, ClaimsPrincipal? user = null)
    {
        var json = await SchemaExecution.ExecuteAsync(graph.Services, document, Inputs(new { input }), user ?? TestPrincipals.WithRole(Roles.Editor));
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ValueKind == JsonValueKind.Undefined ? string.Empty : errors.ToString());
        return json.GetProperty("data").GetProperty(field);
    }

    /// <summary>The payload's only error: its type name and the element.</summary>
    public static JsonElement SingleError(this JsonElement payload)
    {
        var errors = payload.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        return Assert.Single(errors.EnumerateArray());
    }

    /// <summary>Asserts a ValidationError with <paramref name="code"/> on input field <paramref name="field"/>.</summary>
    public static void AssertValidationError(this JsonElement payload, string field, string code)
    {
        var error = payload.SingleError();
        Assert.Equal("ValidationError", error.GetProperty("__typename").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(["input", field], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    public static async Task<List<AuditEntry>> AuditAsync(this NationalGraph graph, string entityId)
    {
        await using var db = graph.OpenDb();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<int> AuditCountAsync(this NationalGraph graph)
    {
        await using var db = graph.OpenDb();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>The payload's errors and warnings: <c>... on Error { message }</c>, the validation error's fields, and those of the other error types the mutation can return.</summary>
    public static string Fields(params string[] errorTypes) =>
        "errors { __typename ... on Error { message } ... on ValidationError { path code } "
        + string.Concat(errorTypes.Select(type => type switch
        {
            "ConflictError" => "... on ConflictError { currentVersion } ",
            "NotFoundError" => "... on NotFoundError { id } ",
            _ => throw new ArgumentOutOfRangeException(nameof(errorTypes), type, "Not an error type with fields of its own."),
        }))
        + "} warnings { code message }";

    /// <summary>The fields of a mutation that changes an existing entity: it can also return NotFoundError and ConflictError.</summary>
    public static string ChangeFields { get; } = Fields("NotFoundError", "ConflictError");

    public static Inputs Inputs(object variables) => new GraphQLSerializer().Deserialize<Inputs>(JsonSerializer.Serialize(variables))!;
}
