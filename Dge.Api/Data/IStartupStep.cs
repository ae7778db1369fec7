namespace Dge.Api.Data;

/// <summary>
/// Work that must be done on a migrated and seeded database before the host reports ready (such as the admin account),
/// so that whatever a client can do once /healthz/ready answers 200 already works.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
