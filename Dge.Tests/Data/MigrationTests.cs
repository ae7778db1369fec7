using Dge.Api.Data;
using Dge.Api.Data.Providers;
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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void EachProvider_HasMigrationsThatCaptureTheModel(DatabaseProvider provider)
    {
        using var db = DgeDbContext.ModelOnly(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes no migration captures: run migrations add.");
    }

    [Fact]
    public void EachProvider_SeesOnlyItsOwnMigrations()
    {
        using var sqlite = DgeDbContext.ModelOnly(DatabaseProvider.Sqlite);
        using var postgres = DgeDbContext.ModelOnly(DatabaseProvider.Postgres);
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.Empty(sqliteMigrations.Intersect(postgresMigrations));
        Assert.All(sqliteMigrations, id => Assert.Equal(ProviderMigrations.NamespaceOf(DatabaseProvider.Sqlite), MigrationType(sqlite, id).Namespace));
        Assert.All(postgresMigrations, id => Assert.Equal(ProviderMigrations.NamespaceOf(DatabaseProvider.Postgres), MigrationType(postgres, id).Namespace));
    }

    private static Type MigrationType(DgeDbContext db, string id) =>
        ((Microsoft.EntityFrameworkCore.Infrastructure.IInfrastructure<IServiceProvider>)db).Instance
            .GetService(typeof(Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly)) is Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly migrations
            ? migrations.Migrations[id].AsType()
            : throw new InvalidOperationException("No migrations assembly.");
}
