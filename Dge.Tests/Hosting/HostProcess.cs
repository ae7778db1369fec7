using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dge.Api.Data.Providers;
using Dge.Tests.Infrastructure;

namespace Dge.Tests.Hosting;

/// <summary>
/// The host as a separate process (<c>dotnet Dge.Api.dll</c> from the test's build output) on a free loopback port, so a
/// test can kill it with SIGKILL at any moment, as an operator's kill -9 or a crash would.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient client;

    /// <summary>The admin account <see cref="StartWithAdmin"/> gives the host.</summary>
    public const string AdminEmail = "admin@host.test";

    public const string AdminPassword = "Host-admin-password-1234";

    private HostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>Where the host listens: http://127.0.0.1:{port}/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's process id, for reading its memory and open files in /proc.</summary>
    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// The host with the admin account <see cref="AdminEmail"/> and no rate limit (a load test is one caller sending far
    /// more than a person would), plus <paramref name="settings"/> (environment variables, e.g. <c>Dge__Database__Synchronous</c>).
    /// </summary>
    public static HostProcess StartWithAdmin(string databasePath, int seedScale, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Dge__Admin__Email"] = AdminEmail,
            ["Dge__Admin__Password"] = AdminPassword,
            ["Dge__RateLimit__Enabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        return Start(databasePath, seedScale, TestDatabases.RandomSeed, all);
    }

    /// <summary><c>dotnet Dge.Api.dll</c> from the test's build output with <paramref name="args"/>, its output redirected.</summary>
    public static ProcessStartInfo ApiStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dge.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static HostProcess Start(string databasePath, int seedScale, int randomSeed, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreeLoopbackPort();
        var start = ApiStartInfo("--urls", $"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var provider = TestDatabases.ProviderOf(databasePath);
        start.Environment["Dge__Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Dge"] = provider == DatabaseProvider.Sqlite ? $"Data Source={databasePath}" : TestDatabases.ConnectionString(databasePath);
        // A test's PostgreSQL database is made by the host's first start, as a Development machine's is.
        start.Environment["Dge__Database__CreateIfMissing"] = "true";
        start.Environment["Dge__Seed__Scale"] = seedScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Dge__Seed__RandomSeed"] = randomSeed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Dge.Api.Data"] = "Information";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: the process gets no chance to release anything.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Polls /healthz/ready until it answers 200; fails if the process exits or the deadline passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The host did not become ready in {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// A new API key with <paramref name="role"/>, made by signing in as <see cref="AdminEmail"/> (a host started with
    /// <see cref="StartWithAdmin"/>) and calling createApiKey: the secret to send as a bearer token.
    /// </summary>
    public async Task<string> CreateApiKeyAsync(string role)
    {
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        using (var signIn = await admin.PostAsJsonAsync(new Uri("account/signin", UriKind.Relative), new { email = AdminEmail, password = AdminPassword }))
        {
            signIn.EnsureSuccessStatusCode();
        }

        var request = new
        {
            query = "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { created { secret } errors { __typename } } }",
            variables = new { input = new { name = $"test {role}", role } },
        };
        using var response = await admin.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("data").GetProperty("createApiKey").GetProperty("created").GetProperty("secret").GetString()
            ?? throw new InvalidOperationException($"createApiKey gave no secret: {body.RootElement}");
    }

    /// <summary>A client of the host sending <paramref name="apiKey"/> as its bearer token.</summary>
    public HttpClient Client(string apiKey, TimeSpan? timeout = null)
    {
        var caller = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        caller.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return caller;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        client.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
