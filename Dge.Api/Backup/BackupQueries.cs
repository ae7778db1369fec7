using Dge.Api.Access;
using Dge.Api.Data;
using Dge.Api.Data.Providers;
using Dge.Api.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Backup;

/// <summary><c>backups</c> (admins): the backups made of the database, as <see cref="BackupLog"/> records them.</summary>
public static class BackupQueries
{
    private const int MaxFirst = 100;

    public static void AddBackupQueries(this QueryType query)
    {
        query.AddField(new FieldType
        {
            Name = "backups",
            Description = $"The backups made of this database by the backup command or the scheduled backup, newest first (at most {MaxFirst}); empty when none was made. Needs the {Roles.Admin} role.",
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<IntGraphType>>
            {
                Name = "first",
                Description = $"How many, newest first: 1–{MaxFirst} (a number outside is brought within).",
                DefaultValue = 10,
            }),
            ResolvedType = new ListGraphType(new NonNullGraphType(new BackupGraphType())),
            Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object>(async context =>
            {
                var first = Math.Clamp(context.GetArgument<int>("first"), 1, MaxFirst);
                var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<DgeDbContext>>();
                await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
                // Backups are copies of a SQLite file; a PostgreSQL store is backed up with pg_dump, outside the host.
                if (!db.Database.IsSqlite() || StoreSettings.DatabaseFile(db.Database.GetConnectionString()!) is not { } databasePath)
                {
                    return Array.Empty<BackupRecord>();
                }

                return (await BackupLog.ReadAsync(databasePath, context.CancellationToken)).Take(first).ToList();
            }),
        }.RequireRole(Roles.Admin));
    }
}

/// <summary>A backup as admins see it.</summary>
public sealed class BackupGraphType : ObjectGraphType<BackupRecord>
{
    public BackupGraphType()
    {
        Name = "Backup";
        Description = "A consistent copy of the database, made while the host ran; restore it with the restore command.";
        Field<NonNullGraphType<DateTimeGraphType>>("madeAt").Description("When the copy was complete (UTC).").Resolve(context => context.Source.MadeAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("file").Description("The backup file's full path on the host's machine.").Resolve(context => context.Source.File);
        Field<NonNullGraphType<FloatGraphType>>("sizeBytes").Description("The file's size in bytes (a Float, as a database may pass GraphQL's 32-bit Int).").Resolve(context => (double)context.Source.SizeBytes);
        Field<NonNullGraphType<FloatGraphType>>("rows").Description("The rows of all tables in the copy.").Resolve(context => (double)context.Source.Rows);
        Field<NonNullGraphType<StringGraphType>>("checksum").Description("SHA-256 of the copy's content, table by table in key order; restore checks the copy against it.").Resolve(context => context.Source.Checksum);
    }
}
