using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Dge.Tests.Infrastructure.RunEndFramework", "Dge.Tests")]

namespace Dge.Tests.Infrastructure;

/// <summary>
/// xunit's own test framework, which also ends what the run started on the PostgreSQL server (its databases, or the server
/// it started) when the framework is disposed: after the last test, while the runner still waits for the process.
/// </summary>
public sealed class RunEndFramework : XunitTestFramework
{
    public RunEndFramework(IMessageSink messageSink)
        : base(messageSink) => DisposalTracker.Add(new RunEnd());

    private sealed class RunEnd : IDisposable
    {
        public void Dispose() => PostgresServer.EndRun();
    }
}
