using System.Net;
using System.Text.Json;
using Dge.Api.Access;
using Dge.Api.Backup;
using Dge.Api.Data.Providers;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Admin;

/// <summary>The dashboard's backup card: admins see when the last backup was made (or that none was); others do not see it.</summary>
public sealed class IndexBackupTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2026, 12, 4, 8, 15, 30, TimeSpan.Zero);

    [Fact]
    public async Task Index_AdminAfterBackups_ShowsWhenTheLatestWasMade()
    {
        var database = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        await BackUpAsync(database, "earlier.db", Earlier);
        var latest = await BackUpAsync(database, "latest.db", Latest);
        await using var factory = new DgeAppFactory(database);
        (await factory.CreateReadyClientAsync()).Dispose();
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var page = await admin.PageAsync("/admin");

        var line = page.QuerySelector("#backups #last-backup");
        Assert.NotNull(line);
        Assert.Equal(
            $"Seneste sikkerhedskopi: 2026-12-04 08:15 UTC ({latest.File}, {Danish(latest.SizeBytes)} MB).",
            string.Join(' ', line.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("2026-12-04T08:15:30.0000000Z", line.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Null(page.QuerySelector("#no-backup"));
    }

    [Fact]
    public async Task Index_AdminBeforeAnyBackup_SaysNoneYetAndHowToMakeOne()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite));
        (await factory.CreateReadyClientAsync()).Dispose();
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var page = await admin.PageAsync("/admin");

        Assert.Equal("Ingen sikkerhedskopi endnu.", page.QuerySelector("#backups #no-backup")?.TextContent);
        Assert.Contains("dotnet run --project Dge.Api -- backup <fil>", page.QuerySelector("#backups")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#last-backup"));
    }

    [Theory]
    [InlineData(Roles.Reader)]
    [InlineData(Roles.Editor)]
    public async Task Index_NotAnAdmin_ShowsNoBackups(string role)
    {
        var database = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        await BackUpAsync(database, "latest.db", Latest);
        await using var factory = new DgeAppFactory(database);
        (await factory.CreateReadyClientAsync()).Dispose();
        var client = await factory.SignedInClientAsync(role);

        var page = await client.PageAsync("/admin");

        Assert.NotNull(page.QuerySelector("table#coverage"));
        Assert.Null(page.QuerySelector("#backups"));
        Assert.DoesNotContain("sikkerhedskopi", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Editor)]
    [InlineData(null)]
    public async Task Backups_EachCaller_ListedOnlyForAdmins(string? role)
    {
        var database = await TestDatabases.CopyReferenceOnlyAsync(DatabaseProvider.Sqlite);
        var earlier = await BackUpAsync(database, "earlier.db", Earlier);
        var latest = await BackUpAsync(database, "latest.db", Latest);
        await using var factory = new DgeAppFactory(database);
        var anonymous = await factory.CreateReadyClientAsync();
        using var client = role is null ? anonymous : await factory.SignedInClientAsync(role);

        using var response = await client.SendAsync(GraphQLHttp.PostQuery("{ backups(first: 5) { madeAt file sizeBytes rows checksum } }"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backups = json.RootElement.GetProperty("data").GetProperty("backups");
        if (role == Roles.Admin)
        {
            Assert.Equal([latest.File, earlier.File], backups.EnumerateArray().Select(b => b.GetProperty("file").GetString()));
            Assert.Equal(latest.Fingerprint.Checksum, backups[0].GetProperty("checksum").GetString());
            Assert.Equal(latest.SizeBytes, backups[0].GetProperty("sizeBytes").GetDouble());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, backups.ValueKind);
            Assert.Equal(FieldAccess.NotAuthorizedCode, json.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    private static async Task<BackupResult> BackUpAsync(string database, string name, DateTimeOffset at) =>
        await DatabaseBackup.BackupAsync(
            TestDatabases.ConnectionString(database),
            Path.Combine(Path.GetDirectoryName(database)!, $"{Path.GetFileNameWithoutExtension(database)}-{name}"),
            overwrite: false,
            new FixedTimeProvider(at),
            CancellationToken.None);

    private static string Danish(long bytes) => global::Dge.Admin.Client.Danish.Decimal(bytes / (1024.0 * 1024));

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
