using Dge.Api.Data;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dge.Tests.Reliability;

/// <summary>
/// A client that goes away while its mutation is being written (the HTTP suite's load tool does it at the end of every run)
/// cancels the write: nothing is written, and the server logs nothing at error level, since the client's leaving is no fault
/// of the server's. Found on PostgreSQL: EF Core's automatic savepoint before each save failed on the cancelled token and
/// logged "An error occurred using a transaction" at error level.
/// </summary>
public sealed class CancelledWriteTests
{
    [Fact]
    public async Task RunAsync_ClientLeavesJustBeforeTheSave_WritesNothingAndLogsNoError()
    {
        var path = await TestDatabases.CopyNationalAsync();
        var logs = new CollectingLoggerProvider();
        await using var host = new DgeAppFactory(path, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        using var ready = await host.CreateReadyClientAsync();
        var services = host.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<DgeDbContext>>();
        int groupId;
        string name;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var first = await db.Groups.OrderBy(g => g.Id).Select(g => new { g.Id, g.Name }).FirstAsync();
            (groupId, name) = (first.Id, first.Name);
        }

        using var clientLeaves = new CancellationTokenSource();
        var logged = logs.Entries.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DirectWrites.RenameGroupAsync(
            services, groupId, "Renamed by a client that left", () => clientLeaves.CancelAsync(), clientLeaves.Token));

        Assert.DoesNotContain(logs.Entries.Skip(logged), e => e.Level >= LogLevel.Error);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(name, await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        }
    }
}
