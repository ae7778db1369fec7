using Dge.Admin.Client;
using Dge.Api.GraphQL.Documents;
using Dge.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
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
