using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dge.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Mutations;

/// <summary>
/// A database that stays locked past the wait answers SERVER_BUSY; the HTTP status tells a client whether retrying the
/// document is safe: 503 with Retry-After when nothing of it was written, 200 when an earlier mutation of the same
/// document had committed (its payload is lost with the non-null payload field the busy one nulls, as GraphQL has it,
/// but the theme is written, and a 503 would invite writing it twice).
/// </summary>
public sealed class BusyDatabaseTests
{
    private const string Create = """
        mutation($first: CreateThemeInput!, $second: CreateThemeInput!) {
          first: createTheme(input: $first) { theme { id } errors { __typename } }
          second: createTheme(input: $second) { theme { id } errors { __typename } }
        }
        """;

    [Fact]
    public async Task Post_SecondMutationFindsTheDatabaseBusy_Answers200NotARetryAndTheFirstIsWritten()
    {
        var busy = new BusyOnTransaction(busyFrom: 2);
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: s => s.AddSingleton<IInterceptor>(busy));
        (await factory.CreateReadyClientAsync()).Dispose();
        using var client = await factory.SignedInClientAsync("Editor");
        busy.Arm();

        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = Create,
            variables = new
            {
                first = new { code = "B01", nameDa = "Først", nameEn = "First", category = "process" },
                second = new { code = "B02", nameDa = "Anden", nameEn = "Second", category = "process" },
            },
        });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.False(response.Headers.Contains("Retry-After"));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("SERVER_BUSY", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("second", error.GetProperty("path")[0].GetString());
        using var themes = await client.PostAsJsonAsync("/graphql", new { query = """{ themes(where: { code: { in: ["B01", "B02"] } }) { nodes { code } } }""" });
        var written = JsonDocument.Parse(await themes.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("themes").GetProperty("nodes");
        Assert.Equal(["B01"], written.EnumerateArray().Select(t => t.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Post_OnlyMutationFindsTheDatabaseBusy_Answers503WithRetryAfter()
    {
        var busy = new BusyOnTransaction(busyFrom: 1);
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), configureServices: s => s.AddSingleton<IInterceptor>(busy));
        (await factory.CreateReadyClientAsync()).Dispose();
        using var client = await factory.SignedInClientAsync("Editor");
        busy.Arm();

        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = """mutation { createTheme(input: { code: "B03", nameDa: "Tredje", nameEn: "Third", category: "process" }) { theme { id } } }""",
        });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("SERVER_BUSY", Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
    }

    /// <summary>
    /// Once armed (after the start-up and the sign-in, which write too), from the <paramref name="busyFrom"/>th transaction
    /// on, beginning one fails as SQLite does when the write lock stays taken past the wait.
    /// </summary>
    private sealed class BusyOnTransaction(int busyFrom) : DbTransactionInterceptor
    {
        private int _armed;
        private int _began;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            Volatile.Read(ref _armed) == 1 && Interlocked.Increment(ref _began) >= busyFrom
                ? throw new SqliteException("SQLite Error 5: 'database is locked'.", 5)
                : ValueTask.FromResult(result);
    }
}
