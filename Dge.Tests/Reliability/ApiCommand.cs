using System.Diagnostics;
using Dge.Tests.Hosting;

namespace Dge.Tests.Reliability;

/// <summary>What a command of the host's executable printed, and its exit code.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>
/// A command of the host's executable (<c>dotnet Dge.Api.dll backup …</c>) as a separate process from the test's build
/// output, configured as <see cref="Hosting.HostProcess"/> configures the host: through <c>ConnectionStrings__Dge</c>.
/// </summary>
public static class ApiCommand
{
    public static async Task<CommandResult> RunAsync(string databasePath, params string[] args)
    {
        var start = HostProcess.ApiStartInfo(args);

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Dge"] = $"Data Source={databasePath}";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Dge.Api.dll {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
