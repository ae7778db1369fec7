using System.Diagnostics;
using System.Security.Claims;
using Dge.Api.GraphQL;
using Dge.Api.Hosting;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Dge.Benchmarks.Http;

/// <summary>
/// For profiling (dotnet-trace): the product's services on a database, one operation run through <see cref="GraphQLRunner"/>
/// and serialised, over and over by a few workers, without HTTP. Usage: <c>profile &lt;operation&gt; &lt;seconds&gt; &lt;workers&gt;</c>
/// with the host's settings in the environment.
/// </summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var operation = Operations.Named(args[0]);
        var seconds = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var workers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var app = DgeApplication.Build(DgeApplication.CreateBuilder(args[3..]));
        await app.StartAsync();
        await Task.Delay(3000);
        var serializer = app.Services.GetRequiredService<IGraphQLTextSerializer>();
        var variables = serializer.Deserialize<Inputs>(operation.VariablesJson);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Reader"), new Claim(ClaimTypes.Name, "profile")], "ApiKey"));
        var stop = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long count = 0;
        long counted = 0;
        var measuredFrom = TimeSpan.Zero;
        Console.WriteLine($"PROFILE START {Environment.ProcessId}");
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var runner = scope.ServiceProvider.GetRequiredService<GraphQLRunner>();
                var result = await runner.ExecuteAsync(operation.Document, variables, operation.RequestBody().Contains("\"operationName\":null", StringComparison.Ordinal) ? null : operation.Name, user, scope.ServiceProvider, CancellationToken.None);
                await serializer.WriteAsync(Stream.Null, result);
                Interlocked.Increment(ref count);

                // The first half warms up (the JIT tiers up); the second half is measured.
                if (stop.Elapsed.TotalSeconds >= seconds / 2.0)
                {
                    if (Interlocked.Increment(ref counted) == 1)
                    {
                        measuredFrom = Process.GetCurrentProcess().TotalProcessorTime;
                    }
                }
            }
        })));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - measuredFrom;
        Console.WriteLine($"PROFILE {operation.Name}: {count} in {stop.Elapsed.TotalSeconds:F1} s = {count / stop.Elapsed.TotalSeconds:F0}/s; second half: {counted} runs, {cpu.TotalMilliseconds / counted:F3} ms of process CPU each (total CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:F1} s)");
        await app.StopAsync();
        return 0;
    }
}
