using Dge.Api.Audit;
using Dge.Api.Data;

namespace Dge.Api.Access;

/// <summary>
/// A key a program sends as <c>Authorization: Bearer &lt;secret&gt;</c>. Only the SHA-256 hash of the secret is kept: the
/// secret has 256 random bits, so the hash cannot be reversed or guessed, and a stolen database holds no usable key.
/// </summary>
public sealed class ApiKey : Entity
{
    public required string Name { get; set; }

    /// <summary>One of <see cref="Roles"/>: what the key may do.</summary>
    public required string Role { get; set; }

    /// <summary>Hex SHA-256 of the secret; unique.</summary>
    [NotAudited]
    public required string SecretHash { get; set; }

    /// <summary>The secret's first characters, shown in lists so a holder can tell their key.</summary>
    public required string Hint { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>From this moment (UTC) the key is refused; null: it does not expire.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The last request authenticated by the key, recorded at most once a minute.</summary>
    public DateTime? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
