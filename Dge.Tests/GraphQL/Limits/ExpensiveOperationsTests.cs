using System.Net;
using Dge.Api.GraphQL.Limits;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Tests.GraphQL.Limits;

/// <summary>Expensive operations run in a few slots: beyond them they queue, beyond the queue they are refused; cheap ones never wait.</summary>
public sealed class ExpensiveOperationsTests
{
    /// <summary>reformImpact alone costs above the threshold configured below.</summary>
    private const string Expensive = "{ reformImpact { regions { name } } }";

    private const string Cheap = "{ regions(first: 1) { nodes { name } } }";

    [Fact]
    public async Task Execute_ExpensiveWhileTheSlotIsTakenAndNoQueue_IsServerBusy()
    {
        await using var factory = await StartAsync(queueLimit: 0);
        using var taken = await factory.Services.GetRequiredService<ExpensiveOperations>().EnterAsync(CancellationToken.None);

        var expensive = await SchemaExecution.ExecuteAsync(factory.Services, Expensive);
        var cheap = await SchemaExecution.ExecuteAsync(factory.Services, Cheap);

        Assert.Equal("SERVER_BUSY", expensive.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(cheap.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Post_ExpensiveWhileTheSlotIsTakenAndNoQueue_Is503WithRetryAfter()
    {
        await using var factory = await StartAsync(queueLimit: 0);
        using var client = factory.CreateClient();
        using var taken = await factory.Services.GetRequiredService<ExpensiveOperations>().EnterAsync(CancellationToken.None);

        using var response = await client.SendAsync(GraphQLHttp.PostQuery(Expensive));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("SERVER_BUSY", await GraphQLHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Execute_ExpensiveWhileTheSlotIsTaken_WaitsForItThenRuns()
    {
        await using var factory = await StartAsync(queueLimit: 1);
        var taken = await factory.Services.GetRequiredService<ExpensiveOperations>().EnterAsync(CancellationToken.None);
        var slots = factory.Services.GetRequiredService<ExpensiveOperations>();
        var waiting = SchemaExecution.ExecuteAsync(factory.Services, Expensive);
        var cheap = await SchemaExecution.ExecuteAsync(factory.Services, Cheap);
        var queued = slots.Waiting;
        taken.Dispose();
        var expensive = await waiting;

        Assert.Equal(1, queued);
        Assert.False(cheap.TryGetProperty("errors", out _));
        Assert.False(expensive.TryGetProperty("errors", out var errors), errors.ToString());
    }

    [Theory]
    [InlineData("Dge:GraphQL:MaxTokens", "0")]
    [InlineData("Dge:GraphQL:MaxConcurrentExpensive", "0")]
    [InlineData("Dge:GraphQL:ExpensiveQueueLimit", "-1")]
    public async Task Start_LimitThatCannotWork_StopsTheHostNamingIt(string setting, string value)
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), settings: new Dictionary<string, string> { [setting] = value });

        var failure = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<DgeAppFactory> StartAsync(int queueLimit)
    {
        var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), settings: new Dictionary<string, string>
        {
            ["Dge:GraphQL:ExpensiveCost"] = "1000",
            ["Dge:GraphQL:MaxConcurrentExpensive"] = "1",
            ["Dge:GraphQL:ExpensiveQueueLimit"] = queueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await factory.CreateReadyClientAsync();
        return factory;
    }
}
