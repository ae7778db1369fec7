using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dge.Benchmarks.Http;

/// <summary>A benchmark host running as a child process on one database: started, signed into, watched and stopped.</summary>
public sealed class HostRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private double _peakRssMegabytes;

    private readonly BenchmarkStore _store;

    private HostRun(Process process, Uri address, BenchmarkStore store)
    {
        _process = process;
        _store = store;
        Address = address;
        _sampler = SampleAsync(_stop.Token);
    }

    public Uri Address { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>The Reader API key requests are sent with.</summary>
    public string ReaderKey { get; private set; } = string.Empty;

    /// <summary>The Editor API key mutations are sent with.</summary>
    public string EditorKey { get; private set; } = string.Empty;

    /// <summary>The Admin API key the admins' mutations (a new API key) are sent with.</summary>
    public string AdminKey { get; private set; } = string.Empty;

    /// <summary>The key of a role: Reader, Editor or Admin.</summary>
    public string KeyFor(string role) => role switch
    {
        Dge.Api.Access.Roles.Reader => ReaderKey,
        Dge.Api.Access.Roles.Editor => EditorKey,
        Dge.Api.Access.Roles.Admin => AdminKey,
        _ => throw new ArgumentException($"No key has the role {role}.", nameof(role)),
    };

    /// <summary>The rows of <paramref name="pool"/> as they are now, read from the host's database beside it.</summary>
    public async Task<PoolRows> PoolRowsAsync(Baselines.EntityPool pool)
    {
        await using var connection = _store.Connection();
        await connection.OpenAsync();
        return new PoolRows(pool.PayloadField, pool.Reusable, await pool.RowsAsync(connection, CancellationToken.None));
    }

    /// <summary>The highest resident set of the host since the last <see cref="ResetPeak"/>, sampled every 100 ms.</summary>
    public double PeakRssMegabytes => Volatile.Read(ref _peakRssMegabytes);

    public void ResetPeak() => Volatile.Write(ref _peakRssMegabytes, 0);

    /// <summary>
    /// Starts a host on <paramref name="store"/> and waits for <c>/healthz</c> to answer 200; returns it with the time
    /// that took. The host is the benchmark host (the product with the baseline endpoints), or with <paramref name="product"/>
    /// the product's own entry assembly (<see cref="PublishedProduct"/>), which has no baselines. <paramref name="settings"/> are
    /// further environment variables of the host.
    /// </summary>
    public static async Task<(HostRun Host, TimeSpan ColdStart)> StartAsync(
        BenchmarkStore store, string? product = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var contentRoot = Path.Combine(Operations.RepositoryRoot(), "Dge.Api");
        var start = product is null
            ? ChildProcess.StartInfo(["host", "--contentRoot", contentRoot])
            : ChildProcess.Dotnet([product, "--contentRoot", contentRoot]);
        foreach (var (name, value) in BenchmarkHost.Settings(store, address.ToString().TrimEnd('/')).Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the benchmark host.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostRun(process, address, store);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The benchmark host stopped at start-up (exit {process.ExitCode}).");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(address, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(10);
        }

        var coldStart = Stopwatch.GetElapsedTime(started);
        return (host, coldStart);
    }

    /// <summary>One audit entry as the suite compares it.</summary>
    public sealed record AuditRow(long Id, string ActorKind, string EntityType, string EntityId, string? Before, string? After);

    /// <summary>The audit entries of <paramref name="operation"/> (a mutation's field) written after the entry <paramref name="after"/>, oldest first.</summary>
    public async Task<List<AuditRow>> AuditSinceAsync(long after, string operation)
    {
        await using var connection = _store.Connection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Id", "ActorKind", "EntityType", "EntityId", "Before", "After" FROM "AuditEntries"
            WHERE "Id" > @after AND "Operation" = @operation ORDER BY "Id"
            """;
        Baselines.BaselineSql.Bind(command, "@after", after);
        Baselines.BaselineSql.Bind(command, "@operation", operation);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    /// <summary>Signs in as the host's admin and makes the Reader, Editor and Admin keys.</summary>
    public async Task CreateKeysAsync()
    {
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Address };
        using (var signIn = await admin.PostAsJsonAsync(new Uri("account/signin", UriKind.Relative), new { email = BenchmarkHost.AdminEmail, password = BenchmarkHost.AdminPassword }))
        {
            signIn.EnsureSuccessStatusCode();
        }

        async Task<string> KeyAsync(string role)
        {
            var request = new
            {
                query = "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { created { secret } } }",
                variables = new { input = new { name = $"benchmark {role}", role } },
            };
            using var response = await admin.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), request);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("data").GetProperty("createApiKey").GetProperty("created").GetProperty("secret").GetString()!;
        }

        ReaderKey = await KeyAsync(Dge.Api.Access.Roles.Reader);
        EditorKey = await KeyAsync(Dge.Api.Access.Roles.Editor);
        AdminKey = await KeyAsync(Dge.Api.Access.Roles.Admin);
    }

    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/> and returns the answer's text.</summary>
    public async Task<string> PostAsync(string path, string body, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, path)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>How many SQL commands EF has executed in the host so far.</summary>
    public async Task<long> SqlCommandsAsync() =>
        long.Parse(await Http.GetStringAsync(new Uri(Address, BenchmarkHost.SqlCommandsPath)), CultureInfo.InvariantCulture);

    /// <summary>
    /// Stops the host as a service manager does (SIGTERM, then its graceful shutdown, which checks and records the database
    /// file), and returns the time to its exit; killed if it has not exited after a minute.
    /// </summary>
    public async Task<TimeSpan> StopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await signal!.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("The host did not stop within a minute of SIGTERM; killed.");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        Http.Dispose();
    }

    /// <summary>
    /// Waits until the host has used less than 5 % of one core over a quarter of a second (at most two minutes), so requests
    /// still running after a load run, in the API or a baseline, do not overlap the next run. On PostgreSQL the server's work
    /// is in other processes: it also waits until no statement is running on the run's database.
    /// </summary>
    public async Task WaitUntilIdleAsync()
    {
        var window = TimeSpan.FromMilliseconds(250);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (await DatabaseBusyAsync())
            {
                await Task.Delay(window);
                continue;
            }

            _process.Refresh();
            var before = _process.TotalProcessorTime;
            await Task.Delay(window);
            _process.Refresh();
            if ((_process.TotalProcessorTime - before) < window * 0.05)
            {
                return;
            }
        }

        Console.WriteLine("  The host was still busy after two minutes; measuring anyway.");
    }

    private async Task<bool> DatabaseBusyAsync()
    {
        if (_store.Provider != Dge.Api.Data.Providers.DatabaseProvider.Postgres)
        {
            return false;
        }

        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(_store.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        var status = $"/proc/{_process.Id}/status";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    var megabytes = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
                    if (megabytes > PeakRssMegabytes)
                    {
                        Volatile.Write(ref _peakRssMegabytes, megabytes);
                    }
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.WriteLine("  host: " + line);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
