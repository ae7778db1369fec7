using System.Security.Cryptography;
using System.Text;

namespace Dge.Api.GraphQL.Documents;

/// <summary>
/// A document's id: the SHA-256 of its text in UTF-8, as 64 lowercase hexadecimal digits, which is what Apollo's and
/// HotChocolate's clients compute. An id may carry the prefix <c>sha256:</c>.
/// </summary>
public static class DocumentHash
{
    public const string Prefix = "sha256:";

    public static string Of(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    public static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>The hash an id names, in lowercase; null when the id is no SHA-256 hash.</summary>
    public static string? FromId(string id)
    {
        var hash = id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? id[Prefix.Length..] : id;
        return IsHash(hash) ? hash.ToLowerInvariant() : null;
    }
}
