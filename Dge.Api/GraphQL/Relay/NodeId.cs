using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Dge.Api.GraphQL.Relay;

/// <summary>
/// Opaque global ids, as HotChocolate makes them: base64 of <c>Type:key</c>. Clients must treat them as opaque;
/// the type prefix lets <c>node(id:)</c> find the entity and lets us reject an id of the wrong type.
/// </summary>
public static class NodeId
{
    public static string Encode(string typeName, int key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{typeName}:{key}")));

    /// <summary>The key of an id of the expected type, or null for a malformed id or one of another type.</summary>
    public static int? KeyOf(string? id, string expectedTypeName) =>
        TryDecode(id, out var typeName, out var key) && typeName == expectedTypeName ? key : null;

    public static bool TryDecode(string? id, out string typeName, out int key)
    {
        typeName = string.Empty;
        key = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 200 || !Base64.IsValid(id))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out key) || key <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }
}
