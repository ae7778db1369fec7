using System.Data.Common;
using Dge.Api.Data.Providers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dge.Benchmarks;

/// <summary>
/// A database the suite runs on: a SQLite file, or a database on a PostgreSQL server (<c>--postgres</c>). The host gets it as
/// the product's settings; the baselines open plain ADO.NET connections to it.
/// </summary>
public sealed record BenchmarkStore(DatabaseProvider Provider, string ConnectionString)
{
    public static BenchmarkStore Sqlite(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>A database on a PostgreSQL server; its repeated statements are prepared, as the host's are.</summary>
    public static BenchmarkStore Postgres(string server, string database) =>
        new(DatabaseProvider.Postgres, StoreSettings.WithAutoPrepare(new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString()));

    /// <summary>The file (SQLite) or the database's name (PostgreSQL).</summary>
    public string Name => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    /// <summary>A new (pooled) connection to the store, not yet open.</summary>
    public DbConnection Connection() => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(ConnectionString)
        : new NpgsqlConnection(ConnectionString);

    /// <summary>Closes the pooled connections, so that the store can be copied or dropped.</summary>
    public void ClearPools()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    public override string ToString() => $"{Provider} {Name}";
}
