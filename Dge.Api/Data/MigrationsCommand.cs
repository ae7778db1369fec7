using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;

namespace Dge.Api.Data;

/// <summary>
/// <c>dotnet run --project Dge.Api -- migrations add &lt;Name&gt;</c>: scaffolds a migration into Data/Migrations.
/// It stands in for the dotnet-ef tool, which no package feed here serves.
/// </summary>
internal static class MigrationsCommand
{
    public static bool TryRun(string[] args)
    {
        if (args is not ["migrations", "add", var name])
        {
            return false;
        }

        using var db = DgeDbContext.ModelOnly();
        using var provider = DesignTimeServices(db);
        var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(name, rootNamespace: "Dge.Api", subNamespace: "Data.Migrations", language: "C#");
        var projectDirectory = FindProjectDirectory();
        var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Data", "Migrations"));
        Console.WriteLine($"Wrote {files.MigrationFile}, {files.MetadataFile} and {files.SnapshotFile}.");
        return true;
    }

    /// <summary>EF's design-time services for <paramref name="db"/> with SQLite's, as the dotnet-ef tool would set them up.</summary>
    internal static ServiceProvider DesignTimeServices(DgeDbContext db)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
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
