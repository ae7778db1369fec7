using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dge.Api.Data.Providers;

/// <summary>
/// The migrations of one provider. Each provider has its own set in its own namespace (SQLite's in
/// <c>Data/Migrations</c>, PostgreSQL's in <c>Data/PostgresMigrations</c>), both in this assembly and both for
/// <see cref="DgeDbContext"/>; EF's own lookup would see both sets and two model snapshots, so this one sees only the
/// namespace of the context's provider.
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext currentContext) : IMigrationsAssembly
{
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> migrations = new(() => Find(currentContext.Context));
    private readonly Lazy<ModelSnapshot?> snapshot = new(() => FindSnapshot(currentContext.Context));

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations.Value;

    public ModelSnapshot? ModelSnapshot => snapshot.Value;

    public Assembly Assembly => typeof(DgeDbContext).Assembly;

    /// <summary>The namespace of the provider's migrations; the scaffolder writes new ones there too.</summary>
    public static string NamespaceOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => "Dge.Api.Data.PostgresMigrations",
        _ => "Dge.Api.Data.Migrations",
    };

    /// <summary>The provider of a context, from the EF provider it was configured with.</summary>
    public static DatabaseProvider ProviderOf(DbContext context) =>
        context.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private static SortedList<string, TypeInfo> Find(DbContext context)
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in TypesOf(context).Where(t => t.IsSubclassOf(typeof(Migration))))
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute)
            {
                found.Add(attribute.Id, type);
            }
        }

        return found;
    }

    private static ModelSnapshot? FindSnapshot(DbContext context) =>
        TypesOf(context).Where(t => t.IsSubclassOf(typeof(ModelSnapshot))).Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).SingleOrDefault();

    private static IEnumerable<TypeInfo> TypesOf(DbContext context)
    {
        var ns = NamespaceOf(ProviderOf(context));
        return typeof(DgeDbContext).Assembly.DefinedTypes.Where(t =>
            t.Namespace == ns && !t.IsAbstract && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context.GetType());
    }
}
