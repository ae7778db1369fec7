using System.Diagnostics;

namespace Dge.Benchmarks;

/// <summary>
/// Child processes with their output redirected: this benchmark program again, with the same runtime (a seed, the benchmark
/// host), or the <c>dotnet</c> command (a publish, the published product).
/// </summary>
public static class ChildProcess
{
    /// <summary>This benchmark program with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments) =>
        Redirected(
            Environment.ProcessPath!,
            Path.GetFileNameWithoutExtension(Environment.ProcessPath) is "dotnet" ? [typeof(ChildProcess).Assembly.Location, .. arguments] : arguments);

    /// <summary>The <c>dotnet</c> command with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo Dotnet(IEnumerable<string> arguments) => Redirected("dotnet", arguments);

    public static Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments) => RunAsync(StartInfo(arguments));

    /// <summary>Runs <paramref name="start"/> to its end; returns its exit code and its output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo Redirected(string program, IEnumerable<string> arguments) =>
        new(program, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
}
