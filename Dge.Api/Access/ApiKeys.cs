using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dge.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Access;

/// <summary>Creating, checking, listing and revoking API keys.</summary>
public sealed class ApiKeys(IDbContextFactory<DgeDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Every secret starts so, which lets secret scanners and people recognise a DgeGraph key.</summary>
    public const string SecretPrefix = "dge_";

    public const int MaxNameLength = 100;

    /// <summary>How stale <see cref="ApiKey.LastUsedAt"/> may be: a busy key writes once a minute, not once a request.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>A new key and its secret, which is shown this once and never kept.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, string role, DateTime? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var (key, secret) = New(name, role, expiresAt, createdBy, clock.GetUtcNow().UtcDateTime);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>A key not yet stored, with its secret: 256 random bits, of which only the hash and a hint are kept.</summary>
    public static (ApiKey Key, string Secret) New(string name, string role, DateTime? expiresAt, string createdBy, DateTime now)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name.Trim(),
            Role = role,
            SecretHash = Hash(secret),
            Hint = secret[..10],
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
        return (key, secret);
    }

    /// <summary>The usable key with this secret, its last use recorded; null when it is unknown, revoked or expired.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (key is null || !key.IsUsableAt(now))
        {
            return null;
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUseResolution)
        {
            var staleBefore = now - LastUseResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }

        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ThenBy(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The principal of a request authenticated by <paramref name="key"/>.</summary>
    public static ClaimsPrincipal PrincipalOf(ApiKey key) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(ClaimTypes.Role, key.Role),
        ],
        ApiKeyAuthentication.SchemeName));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
