namespace Dge.Api.Data.Providers;

/// <summary>The database engines DgeGraph runs on (<c>Dge:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file, for one machine: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several instances behind a load balancer.</summary>
    Postgres,
}
