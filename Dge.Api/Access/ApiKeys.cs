using System.Collections.Concurrent;
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

    /// <summary>
    /// How long a key checked against the database is trusted without checking again. A revocation through this host is
    /// seen at once (<see cref="ForgetCheckedKeys"/>); one made elsewhere (another host on the same database, a hand-made
    /// change) is seen within this time. Expiry is checked on every request.
    /// </summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    /// <summary>Most keys remembered; past it the memory is emptied (only valid keys are remembered, so this is never reached in practice).</summary>
    private const int MaxCheckedKeys = 10_000;

    // A request with a key used to open a connection and prepare and run a statement to find it: most of the cost of a
    // small request (measured: the bare request at about a quarter of its anonymous throughput). Keys checked in the last
    // few seconds are remembered by secret hash, with the generation they were read in: a revocation bumps the generation,
    // so a key read before it, or while it commits, is read again.
    private readonly ConcurrentDictionary<string, CheckedKey> _checked = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Forgets every key checked so far: the next request with any key reads it from the database again.</summary>
    public void ForgetCheckedKeys() => Interlocked.Increment(ref _generation);

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
        var generation = Interlocked.Read(ref _generation);
        var checkedAt = clock.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        if (_checked.TryGetValue(hash, out var remembered) && remembered.Generation == generation
            && clock.GetElapsedTime(remembered.CheckedAt) < RecheckAfter)
        {
            if (!remembered.Key.IsUsableAt(now))
            {
                return null;
            }

            if (remembered.Key.LastUsedAt is { } lastUsed && now - lastUsed < LastUseResolution)
            {
                return remembered.Key;
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
        if (key is null || !key.IsUsableAt(now))
        {
            return null;
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUseResolution)
        {
            var staleBefore = now - LastUseResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
            key.LastUsedAt = now;
        }

        if (_checked.Count >= MaxCheckedKeys)
        {
            _checked.Clear();
        }

        _checked[hash] = new CheckedKey(key, generation, checkedAt);
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

    /// <summary>A key as read from the database, with when and in which generation of revocations it was read.</summary>
    private sealed record CheckedKey(ApiKey Key, long Generation, long CheckedAt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
