using Dge.Api.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Dge.Api.Access;

/// <summary>
/// On PostgreSQL, after the migration and under the instances' start-up lock: makes the data protection key every
/// instance protects cookies and forms with, when the database holds none that is valid now, so that instances starting
/// together share one key instead of each making its own (a cookie made by one would then fail on the other until the
/// key rings are read again).
/// </summary>
internal sealed partial class SharedDataProtectionKeys(IKeyManager keys, TimeProvider clock, ILogger<SharedDataProtectionKeys> logger) : IStartupStep
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + Lifetime);
            LogCreated(logger, now + Lifetime);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the data protection key that every instance shares, valid until {Expires}.")]
    private static partial void LogCreated(ILogger logger, DateTimeOffset expires);
}
