using Dge.Api.Data.Collation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dge.Api.Data.Providers;

public static class StoreOptions
{
    /// <summary>
    /// The provider of <paramref name="store"/>, its connection string and its migration set, with what every context on
    /// it needs to give the same answers (SQLite's Danish collation, registered per connection; PostgreSQL's is in the
    /// schema). The host adds its own interceptors on top (<see cref="DataServiceCollectionExtensions.AddDgeData"/>).
    /// </summary>
    public static TBuilder UseStore<TBuilder>(this TBuilder options, StoreSettings store)
        where TBuilder : DbContextOptionsBuilder
    {
        switch (store.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(store.ConnectionString);
                break;
            default:
                options.UseSqlite(store.ConnectionString).UseDanishCollation();
                break;
        }

        options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
        return options;
    }
}
