using System.Runtime.InteropServices;

namespace Dge.Benchmarks.Http;

/// <summary>
/// The product as it is deployed (README, *Deploying*): <c>dotnet publish</c> in Release with ReadyToRun, so its code and
/// its dependencies' come precompiled and a start does not wait for the JIT. The cold start is measured on it as well as on
/// the benchmark host, which runs the same start-up but is compiled as it runs.
/// </summary>
public static class PublishedProduct
{
    /// <summary>Publishes Dge.Api into bin/published-product of this project (incremental after the first time) and returns its entry assembly.</summary>
    public static async Task<string> PublishAsync()
    {
        var root = Operations.RepositoryRoot();
        var output = Path.Combine(root, "Dge.Benchmarks", "bin", "published-product");
        Console.WriteLine($"Publishing the product with ReadyToRun into {output}…");
        var (exitCode, log) = await ChildProcess.RunAsync(ChildProcess.Dotnet(
        [
            "publish", Path.Combine(root, "Dge.Api"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", output,
        ]));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed (exit {exitCode}):\n{log}");
        }

        return Path.Combine(output, "Dge.Api.dll");
    }
}
