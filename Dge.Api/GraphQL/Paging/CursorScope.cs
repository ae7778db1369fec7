using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;

namespace Dge.Api.GraphQL.Paging;

/// <summary>
/// What a cursor is bound to: the connection that made it (<c>Query.doctors</c>, <c>Clinic.doctors</c>) and a short
/// fingerprint of its <c>order</c>. An offset means nothing on another connection or under another order, so a cursor
/// from elsewhere is refused instead of silently skipping to an unrelated position.
/// </summary>
public sealed record CursorScope(string Connection, string OrderFingerprint)
{
    /// <summary>The scope of the connection field being resolved, with the order it was given.</summary>
    public static CursorScope Of(IResolveFieldContext context) => For(context.ParentType.Name, context.FieldDefinition.Name, context.RawArgument("order"));

    /// <summary>The scope of <paramref name="typeName"/>'s connection <paramref name="fieldName"/> under <paramref name="order"/> as parsed.</summary>
    public static CursorScope For(string typeName, string fieldName, object? order) => new($"{typeName}.{fieldName}", Fingerprint(order));

    /// <summary>The text a cursor of this scope starts with, before the offset.</summary>
    public string Prefix => $"{Connection}:{OrderFingerprint}:";

    /// <summary>
    /// The first 8 bytes of the SHA-256 of the order as parsed (variables already substituted), so the same order
    /// written inline or passed in a variable gives the same cursors.
    /// </summary>
    private static string Fingerprint(object? order)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(order)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
