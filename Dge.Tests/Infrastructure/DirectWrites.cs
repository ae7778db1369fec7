using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.GraphQL.Model;
using Dge.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dge.Tests.Infrastructure;

/// <summary>Writes through a host's write transaction directly, as an Editor, for tests that step into the middle of one.</summary>
public static class DirectWrites
{
    /// <summary>Renames a group in the host's write transaction, running <paramref name="beforeTheSave"/> after the change is made and before it is saved.</summary>
    public static Task<MutationPayload> RenameGroupAsync(
        IServiceProvider services, int groupId, string name, Func<Task> beforeTheSave, CancellationToken cancellationToken = default) =>
        WriteTransaction.RunAsync(
            services.GetRequiredService<IDbContextFactory<DgeDbContext>>(),
            services.GetRequiredService<ModelRegistry>(),
            TestPrincipals.WithRole(Roles.Editor),
            services,
            "renameGroup",
            DateOnly.FromDateTime(DateTime.Today),
            DateTime.UtcNow,
            NullLogger.Instance,
            async (write, token) =>
            {
                var group = await write.Db.Groups.SingleAsync(g => g.Id == groupId, token);
                group.Name = name;
                await beforeTheSave();
                return group;
            },
            cancellationToken);
}
