using System.ComponentModel;
using System.Diagnostics;

namespace Dge.Tests.GraphQL.Http;

/// <summary>Runs node and npm for the tests that drive the host from JavaScript; both are required, as in CI.</summary>
public static class NodeTool
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Installs a folder's locked packages unless they are there already.</summary>
    public static async Task EnsurePackagesAsync(string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            return;
        }

        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, cancellationToken);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {directory} (exit code {install.ExitCode}):\n{install.Error}");
        }
    }

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException($"'{program}' is not on the PATH: install Node.js 20 with npm (CI does: apt-get install -y nodejs npm).", missing);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Outcome(process.ExitCode, await output, await error);
        }
    }
}
