using System.Diagnostics;
using System.Text;

namespace Dge.Benchmarks;

/// <summary>Runs this benchmark program again in a child process (a seed, the benchmark host), with the same runtime.</summary>
public static class ChildProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var assembly = typeof(ChildProcess).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) is "dotnet")
        {
            start.ArgumentList.Add(assembly);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
