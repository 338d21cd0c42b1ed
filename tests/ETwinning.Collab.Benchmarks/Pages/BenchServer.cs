using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>The built server as a child process on 127.0.0.1, so its CPU time and memory can be read apart from the clients'.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;

    private BenchServer(Process process, Uri baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = baseUrl };
        Api = new CollabApiClient(Http);
    }

    public Uri BaseUrl { get; }
    public int ProcessId => _process.Id;
    public string DataDirectory { get; }
    public HttpClient Http { get; }
    public CollabApiClient Api { get; }

    public TimeSpan CpuTime
    {
        get { _process.Refresh(); return _process.TotalProcessorTime; }
    }

    public double RssMb
    {
        get { _process.Refresh(); return Math.Round(_process.WorkingSet64 / 1048576.0, 1); }
    }

    /// <param name="settings">Configuration on top of the defaults below, as environment variables (<c>Section__Key</c>).</param>
    public static async Task<BenchServer> StartAsync(string serverDll, string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("collab-bench-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [serverDll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = dataDirectory,
            ["Auth__SigningKey"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("benchmark-signing-key-not-for-production-use")),
            ["Accounts__AutoValidateTeachers"] = "true",
            ["Demo__Enabled"] = "false",
            // Every simulated editor shares one teacher account here; real limits are per account.
            ["RateLimits__HubInvocationsPerSecond"] = "10000",
            ["RateLimits__HubInvocationBurst"] = "100000",
            // Page updates have their own byte budget per account; 1,000 editors sharing one account would
            // otherwise wait for it (backpressure) and the run would measure the limit, not the server.
            ["RateLimits__UpdateBytesPerSecond"] = "100000000",
            ["RateLimits__UpdateBurstBytes"] = "100000000",
            ["RateLimits__LoginPermitsPerAddressPerMinute"] = "10000",
            ["RateLimits__LoginPermitsPerAccountPerMinute"] = "10000",
            ["RateLimits__PupilLoginPermitsPerTwinSpacePerMinute"] = "10000",
            ["Pages__AwarenessUpdatesPerSecond"] = "1000",
            // The trace page is sent in large chunks.
            ["Pages__MaxUpdateBytes"] = "40000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await server.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited) { }
            if (DateTime.UtcNow >= deadline || process.HasExited)
                throw new InvalidOperationException($"The server did not start (exit code {(process.HasExited ? process.ExitCode : -1)}).");
            await Task.Delay(200);
        }
    }

    /// <summary>A loopback port no one listens on now, for a child process to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ETwinning.Collab.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }

    public static string ServerDll(string root)
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var dll = Path.Combine(root, "src", "ETwinning.Collab.Server", "bin", configuration, "net10.0", "ETwinning.Collab.Server.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new InvalidOperationException("Build the server first (dotnet build -c Release src/ETwinning.Collab.Server).");
    }

    /// <summary>A new teacher, registered (the server validates teachers at once) and logged in.</summary>
    public async Task<TokenPair> NewTeacherAsync()
    {
        const string password = "correct-horse-battery";
        var email = $"bench.{Guid.NewGuid():N}@school.test";
        await Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, password, "Bench teacher", "AT"));
        return await Api.LoginAsync(new LoginRequest(email, password));
    }

    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens, bool messagePack = true)
    {
        var connection = new TwinSpaceConnection(BaseUrl, () => Task.FromResult<string?>(tokens.AccessToken), messagePack);
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
