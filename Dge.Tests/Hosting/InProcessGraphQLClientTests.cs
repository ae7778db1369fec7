using Dge.Admin.Client;
using Dge.Api.Data;
using Dge.Api.GraphQL.Documents;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.Hosting;

public sealed class InProcessGraphQLClientTests
{
    [Fact]
    public async Task Execute_AdminOperationWhenOnlyTrusted_Runs()
    {
        await using var factory = await StartOnlyTrustedAsync();
        await using var scope = factory.Services.CreateAsyncScope();

        var response = await ClientIn(scope).ExecuteAsync(new GraphQLRequest(AdminOperations.Read("AdminCoverage"), OperationName: "AdminCoverage"), CancellationToken.None);

        Assert.True(response.IsSuccess, string.Join(" ", response.Errors.Select(error => error.Message)));
    }

    [Fact]
    public async Task Execute_UnregisteredDocumentWhenOnlyTrusted_IsRefusedAsNotTrusted()
    {
        await using var factory = await StartOnlyTrustedAsync();
        await using var scope = factory.Services.CreateAsyncScope();

        var response = await ClientIn(scope).ExecuteAsync(new GraphQLRequest("{ regions { totalCount } }"), CancellationToken.None);

        Assert.Null(response.Data);
        Assert.Equal("DOCUMENT_NOT_TRUSTED", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task Execute_TwiceInOneRequest_TheSecondSeesWhatChangedInBetween()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        (await factory.CreateReadyClientAsync()).Dispose();
        await using var scope = factory.Services.CreateAsyncScope();
        var client = ClientIn(scope);
        var read = new GraphQLRequest("{ municipalities(first: 1, order: [{ code: ASC }]) { nodes { healthCouncil { name } } } }");

        var before = await client.ExecuteAsync(read, CancellationToken.None);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<DgeDbContext>>().CreateDbContextAsync())
        {
            var code = await db.Municipalities.MinAsync(m => m.Code);
            var council = await db.HealthCouncils.FirstAsync(c => c.Municipalities.Any(m => m.Code == code));
            council.Name = "Omdøbt i samme forespørgsel";
            await db.SaveChangesAsync();
        }

        var after = await client.ExecuteAsync(read, CancellationToken.None);

        Assert.NotEqual("Omdøbt i samme forespørgsel", Name(before));
        Assert.Equal("Omdøbt i samme forespørgsel", Name(after));
    }

    private static string? Name(GraphQLResponse response) =>
        response.Data?.GetProperty("municipalities").GetProperty("nodes")[0].GetProperty("healthCouncil").GetProperty("name").GetString();

    private static async Task<DgeAppFactory> StartOnlyTrustedAsync()
    {
        var factory = new DgeAppFactory(
            await TestDatabases.CopyReferenceOnlyAsync(),
            settings: new Dictionary<string, string> { ["Dge:GraphQL:TrustedDocuments"] = nameof(TrustedDocumentsMode.Only) });
        using var ready = await factory.CreateReadyClientAsync();
        return factory;
    }

    /// <summary>The admin shell's client as a page gets it: within a request whose services are the scope's.</summary>
    private static IAdminGraphQLClient ClientIn(AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return scope.ServiceProvider.GetRequiredService<IAdminGraphQLClient>();
    }
}
