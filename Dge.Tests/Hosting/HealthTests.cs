using System.Net;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_FreshDatabase_TurnsHealthyAfterMigrationAndSeed()
    {
        var path = TestDatabases.NewPath();
        await using var factory = new DgeAppFactory(path, seedScale: 0);

        var client = await factory.CreateReadyClientAsync();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(path));
        await using var db = TestDatabases.Open(path);
        Assert.Equal(98, db.Municipalities.Count());
    }

    [Fact]
    public async Task Healthz_DatabaseThatCannotBeMigrated_Answers503WithTheReason()
    {
        var path = TestDatabases.NewPath();
        await File.WriteAllTextAsync(path, "this is not a SQLite database, so migration fails");
        await using var factory = new DgeAppFactory(path);
        var client = factory.CreateClient();

        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            if ((await response.Content.ReadAsStringAsync()).Contains("failed", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task GraphQL_BeforeTheDatabaseIsReady_Answers503WithRetryAfter()
    {
        var path = TestDatabases.NewPath();
        await File.WriteAllTextAsync(path, "not a SQLite database, so the start-up never becomes ready");
        await using var factory = new DgeAppFactory(path);
        var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative),
            new StringContent("""{"query":"{ regions { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Contains("NOT_READY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
