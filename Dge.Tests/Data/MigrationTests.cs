using Dge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dge.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_AppliedToEmptyDatabase_MatchTheModel()
    {
        await using var db = TestDatabases.Open(TestDatabases.NewPath());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration.");
    }
}
