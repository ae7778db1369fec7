using System.Diagnostics;
using System.Globalization;

namespace Dge.Benchmarks.Http;

/// <summary>
/// For profiling (dotnet-trace, perf): one operation run through the product in this process (<see cref="InProcessProduct"/>),
/// over and over by a few workers, without HTTP; the second half of the run is measured in process CPU time per run, which
/// a busy machine disturbs far less than wall-clock time. Usage: <c>profile &lt;operation&gt; &lt;seconds&gt; &lt;workers&gt; &lt;database&gt; [--Setting value …]</c>
/// (for example <c>--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command Information</c> to see the SQL and its times).
/// </summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var operation = Operations.All.Concat(ExtraOperations.All).Single(o => o.Name == args[0]);
        var seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
        var workers = int.Parse(args[2], CultureInfo.InvariantCulture);
        await using var product = await InProcessProduct.StartAsync(args[3], args[4..]);
        var stop = Stopwatch.StartNew();
        long runs = 0;
        long measured = 0;
        var measuredFrom = TimeSpan.Zero;
        Console.WriteLine($"PROFILE START {Environment.ProcessId}");
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                await product.RunAsync(operation, InProcessProduct.Reader, Stream.Null);
                Interlocked.Increment(ref runs);

                // The first half warms up (the JIT tiers up); the second half is measured.
                if (stop.Elapsed.TotalSeconds >= seconds / 2.0 && Interlocked.Increment(ref measured) == 1)
                {
                    measuredFrom = Process.GetCurrentProcess().TotalProcessorTime;
                }
            }
        })));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - measuredFrom;
        Console.WriteLine($"PROFILE {operation.Name}: {runs} runs in {stop.Elapsed.TotalSeconds:F1} s; second half: {measured} runs, {cpu.TotalMilliseconds / measured:F3} ms of process CPU each");
        return 0;
    }
}
