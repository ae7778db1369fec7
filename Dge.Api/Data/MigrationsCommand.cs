using Dge.Api.Data.Providers;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;

namespace Dge.Api.Data;

/// <summary>
/// <c>dotnet run --project Dge.Api -- migrations add &lt;Name&gt;</c>: scaffolds a migration for each provider, SQLite's
/// into Data/Migrations and PostgreSQL's into Data/PostgresMigrations (see <see cref="ProviderMigrations"/>);
/// <c>--provider Sqlite</c> or <c>--provider Postgres</c> scaffolds only that provider's.
/// It stands in for the dotnet-ef tool, which no package feed here serves.
/// </summary>
internal static class MigrationsCommand
{
    public static bool TryRun(string[] args)
    {
        DatabaseProvider[] providers;
        switch (args)
        {
            case ["migrations", "add", _]:
                providers = Enum.GetValues<DatabaseProvider>();
                break;
            case ["migrations", "add", _, "--provider", var only]:
                providers = [StoreSettings.ParseProvider(only)];
                break;
            default:
                return false;
        }

        var name = args[2];
        var projectDirectory = FindProjectDirectory();
        foreach (var provider in providers)
        {
            using var db = DgeDbContext.ModelOnly(provider);
            using var services = DesignTimeServices(db);
            var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
            var ns = ProviderMigrations.NamespaceOf(provider);
            var migration = scaffolder.ScaffoldMigration(name, rootNamespace: "Dge.Api", subNamespace: ns["Dge.Api.".Length..], language: "C#");
            var folder = Path.Combine([projectDirectory, .. ns["Dge.Api.".Length..].Split('.')]);
            // Written here rather than by the scaffolder's Save, which puts the snapshot wherever a file of its name already
            // is in the project: both providers' snapshots have the same name.
            Directory.CreateDirectory(folder);
            var migrationFile = Path.Combine(folder, migration.MigrationId + migration.FileExtension);
            var metadataFile = Path.Combine(folder, migration.MigrationId + ".Designer" + migration.FileExtension);
            var snapshotFile = Path.Combine(folder, migration.SnapshotName + migration.FileExtension);
            File.WriteAllText(migrationFile, migration.MigrationCode);
            File.WriteAllText(metadataFile, migration.MetadataCode);
            File.WriteAllText(snapshotFile, migration.SnapshotCode);
            Console.WriteLine($"{provider}: wrote {migrationFile}, {metadataFile} and {snapshotFile}.");
        }

        return true;
    }

    /// <summary>EF's design-time services for <paramref name="db"/> with its provider's, as the dotnet-ef tool would set them up.</summary>
    internal static ServiceProvider DesignTimeServices(DgeDbContext db)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        IDesignTimeServices provider = ProviderMigrations.ProviderOf(db) == DatabaseProvider.Postgres
            ? new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices()
            : new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices();
        provider.ConfigureDesignTimeServices(services);
        return services.BuildServiceProvider();
    }

    internal static string FindProjectDirectory()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dge.Api.csproj")))
        {
            directory = directory.GetDirectories("Dge.Api").FirstOrDefault() ?? directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run this from the repository or the Dge.Api folder.");
    }
}
