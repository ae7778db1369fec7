using System.Diagnostics;
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
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(root, "Dge.Api"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"Publishing the product with ReadyToRun into {output}…");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed (exit {process.ExitCode}):\n{await stdout}{await stderr}");
        }

        return Path.Combine(output, "Dge.Api.dll");
    }
}
