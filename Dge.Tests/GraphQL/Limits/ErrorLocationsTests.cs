using Dge.Tests.Infrastructure;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>The document the limits parse is the one GraphQL.NET validates: its errors point at the right place.</summary>
public sealed class ErrorLocationsTests
{
    [Fact]
    public async Task Execute_UnknownFieldOnTheThirdLine_IsReportedThere()
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync());
        await factory.CreateReadyClientAsync();

        var json = await SchemaExecution.ExecuteAsync(factory.Services, "query {\n  regions {\n    nope\n  }\n}");

        var location = json.GetProperty("errors")[0].GetProperty("locations")[0];
        Assert.Equal(3, location.GetProperty("line").GetInt32());
        Assert.Equal(5, location.GetProperty("column").GetInt32());
    }
}
