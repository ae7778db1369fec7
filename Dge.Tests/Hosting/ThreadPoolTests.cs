using Dge.Api.Hosting;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Hosting;

/// <summary>The host raises the thread pool's minimum at start-up, so a burst of SQLite statements does not wait for it to grow.</summary>
public sealed class ThreadPoolTests
{
    [Fact]
    public async Task Start_RaisesTheThreadPoolMinimumToTheSetting()
    {
        const int Wanted = 150;
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), settings: new Dictionary<string, string> { [ThreadPoolExtensions.Setting] = $"{Wanted}" });

        await factory.CreateReadyClientAsync();

        ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= Wanted, $"the pool's minimum is {workers} worker threads");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    public async Task Start_NonPositiveSetting_StopsStartUp(string value)
    {
        await using var factory = new DgeAppFactory(await TestDatabases.CopyReferenceOnlyAsync(), settings: new Dictionary<string, string> { [ThreadPoolExtensions.Setting] = value });

        var failure = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(ThreadPoolExtensions.Setting, failure.Message, StringComparison.Ordinal);
    }
}
