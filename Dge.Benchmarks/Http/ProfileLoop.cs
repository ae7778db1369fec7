using System.Buffers;
using System.Diagnostics;
using System.Globalization;

using Dge.Benchmarks.Baselines;

namespace Dge.Benchmarks.Http;

/// <summary>
/// For profiling (dotnet-trace, perf): one operation run through the product in this process (<see cref="InProcessProduct"/>),
/// over and over by a few workers, without HTTP; the second half of the run is measured in process CPU time per run, which
/// a busy machine disturbs far less than wall-clock time. Usage: <c>profile &lt;operation&gt; &lt;seconds&gt; &lt;workers&gt; &lt;database&gt; [--baseline] [--Setting value …]</c>
/// (for example <c>--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command Information</c> to see the SQL and its times).
/// A query runs as a Reader, a mutation as its baseline's role says (an Editor unless it is an admin's), each run with its next
/// variables (<see cref="SuccessiveVariables"/>; the database readied first by the baseline's <c>PrepareAsync</c>): a row
/// that is changed again and again needs one worker. <c>--baseline</c> runs the operation's baseline instead, the same way,
/// so that both sides' CPU per run can be compared in process.
/// </summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var operation = Operations.All.Concat(ExtraOperations.All).Single(o => o.Name == args[0]);
        var seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
        var workers = int.Parse(args[2], CultureInfo.InvariantCulture);
        var baseline = args.Length > 4 && args[4] == "--baseline"
            ? BaselineCatalog.For(operation.Name) ?? throw new ArgumentException($"{operation.Name} has no baseline.", nameof(args))
            : null;
        var variables = await SuccessiveVariables.PrepareAsync(args[3], operation);
        await using var product = await InProcessProduct.StartAsync(args[3], args[(baseline is null ? 4 : 5)..]);
        var user = InProcessProduct.As(BaselineCatalog.RoleFor(operation));
        var stop = Stopwatch.StartNew();
        long runs = 0;
        long refused = 0;

        // A mutation's refusal (a conflict, a row used up) is not what is profiled: counted and reported.
        void Count(ReadOnlySpan<byte> answer)
        {
            if (variables is not null && MutationAnswers.Refused(answer))
            {
                Interlocked.Increment(ref refused);
            }
        }

        long measured = 0;
        var measuredFrom = TimeSpan.Zero;
        Console.WriteLine($"PROFILE START {Environment.ProcessId}");
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                if (baseline is null)
                {
                    using var output = new MemoryStream();
                    await product.RunAsync(operation, user, output, variables?.Next());
                    Count(output.GetBuffer().AsSpan(0, (int)output.Length));
                }
                else
                {
                    var output = new ArrayBufferWriter<byte>(4096);
                    await product.RunBaselineAsync(baseline, operation, output, variables?.Next());
                    Count(output.WrittenSpan);
                }

                Interlocked.Increment(ref runs);

                // The first half warms up (the JIT tiers up); the second half is measured.
                if (stop.Elapsed.TotalSeconds >= seconds / 2.0 && Interlocked.Increment(ref measured) == 1)
                {
                    measuredFrom = Process.GetCurrentProcess().TotalProcessorTime;
                }
            }
        })));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - measuredFrom;
        Console.WriteLine($"PROFILE {operation.Name}{(baseline is null ? string.Empty : " (baseline)")}: {runs} runs in {stop.Elapsed.TotalSeconds:F1} s; second half: {measured} runs, {cpu.TotalMilliseconds / measured:F3} ms of process CPU each{(refused > 0 ? $"; {refused} REFUSED (not a measurement)" : string.Empty)}");
        return 0;
    }
}
