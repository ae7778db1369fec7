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
}
