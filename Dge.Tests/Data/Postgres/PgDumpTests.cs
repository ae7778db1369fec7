using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;
using Npgsql;

namespace Dge.Tests.Data.Postgres;

/// <summary>
/// The backup and restore the README gives for PostgreSQL, with PostgreSQL's own tools: a database dumped with pg_dump and
/// restored with pg_restore into a new database answers the views exactly as the original does.
/// </summary>
public sealed class PgDumpTests
{
    private static readonly string[] Views = ["RegionCoverage", "AnnualReport", "CoverageByScope", "AdvisorWorkload"];

    [Fact]
    public async Task DumpedAndRestored_AnswersTheViewsAsTheOriginal()
    {
        var original = await TestDatabases.CopyNationalAsync(DatabaseProvider.Postgres);
        var restored = TestDatabases.NewPath(DatabaseProvider.Postgres);
        var dump = Path.Combine(Path.GetTempPath(), $"dge-{Guid.NewGuid():N}.dump");
        try
        {
            await RunAsync("pg_dump", "--format=custom", $"--file={dump}", $"--dbname={Libpq(original)}");
            await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{restored["postgres:".Length..]}\"");
            await RunAsync("pg_restore", "--no-owner", "--exit-on-error", $"--dbname={Libpq(restored)}", dump);

            foreach (var view in Views)
            {
                Assert.Equal(await AnswerAsync(original, view), await AnswerAsync(restored, view));
            }
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>The example operation's whole answer, as JSON text, from a host on <paramref name="database"/>.</summary>
    private static async Task<string> AnswerAsync(string database, string operation)
    {
        await using var factory = new DgeAppFactory(database);
        await factory.CreateReadyClientAsync();
        var client = await factory.SignedInClientAsync(Roles.Reader);
        var query = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Operations, $"{operation}.graphql"));
        var variablesFile = Path.Combine(RepositoryPaths.Operations, $"{operation}.variables.json");
        var variables = File.Exists(variablesFile) ? JsonDocument.Parse(await File.ReadAllTextAsync(variablesFile)).RootElement : default;
        using var response = await client.PostAsJsonAsync(new Uri("/graphql", UriKind.Relative), new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
        return body;
    }

    private static string Libpq(string database)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(TestDatabases.ConnectionString(database));
        return $"host={npgsql.Host} port={npgsql.Port} user={npgsql.Username} password={npgsql.Password} dbname={npgsql.Database}";
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture)).Last();
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(bin, "bin", tool), arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}{await output}");
    }
}
