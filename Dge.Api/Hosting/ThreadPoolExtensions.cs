namespace Dge.Api.Hosting;

/// <summary>
/// How many thread-pool threads the host may use at once without waiting for the pool to grow. Microsoft.Data.Sqlite runs
/// every statement synchronously, so each query in progress holds a pool thread; beyond its minimum (the number of cores)
/// the pool adds about one thread a second, and none while the CPU is saturated. A burst of queries on a small machine
/// would otherwise leave the health check and cheap queries waiting seconds for a thread. Setting
/// <c>Dge:ThreadPool:MinThreads</c> (default: 8 per core, at least 32).
/// </summary>
public static class ThreadPoolExtensions
{
    public const string Setting = "Dge:ThreadPool:MinThreads";

    public static WebApplicationBuilder AddDgeThreadPool(this WebApplicationBuilder builder)
    {
        var wanted = builder.Configuration.GetValue<int?>(Setting) ?? Math.Max(32, 8 * Environment.ProcessorCount);
        if (wanted <= 0)
        {
            throw new InvalidOperationException($"{Setting} must be positive.");
        }

        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (wanted > workers && !ThreadPool.SetMinThreads(wanted, Math.Max(wanted, completionPorts)))
        {
            throw new InvalidOperationException($"{Setting} = {wanted} is more than the thread pool allows.");
        }

        return builder;
    }
}
