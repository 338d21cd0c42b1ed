using System.Diagnostics;
using System.Reflection;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>
/// The built server (<c>src/ETwinning.Collab.Server/bin/&lt;config&gt;/net10.0/ETwinning.Collab.Server.dll</c>) run
/// with <c>dotnet</c> as a child process on a free port, configured through environment variables, so a test can
/// kill it for real (<see cref="Kill"/> is SIGKILL on Linux: no shutdown code runs) and start another on the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process _process;
    private readonly HttpClient _http;

    private ServerProcess(Process process, Uri baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        _http = new HttpClient { BaseAddress = baseUrl };
        Api = new CollabApiClient(_http);
    }

    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    public CollabApiClient Api { get; }

    public static string ServerDll
    {
        get
        {
            var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepositoryPaths.Root, "src", "ETwinning.Collab.Server", "bin", configuration, "net10.0", "ETwinning.Collab.Server.dll");
        }
    }

    /// <summary>
    /// Starts a server on <paramref name="dataDirectory"/> (a new temporary one when null) and waits until it answers
    /// <c>/health/live</c>. <paramref name="settings"/> use configuration keys (<c>Chat:MessageBurst</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(ServerDll)) throw new InvalidOperationException($"Build the server first: {ServerDll} is missing.");
        dataDirectory ??= Directory.CreateTempSubdirectory("collab-process-").FullName;
        var start = new ProcessStartInfo("dotnet", [ServerDll])
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            // Port 0: the server binds a free port itself and logs it. A port picked here and bound by the child seconds
            // later (slower under load) can be taken meanwhile, e.g. as the source port of the tests' own connections.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Storage__DataDirectory"] = dataDirectory,
            ["Auth__SigningKey"] = CollabServer.TestSigningKey,
            ["Accounts__AutoValidateTeachers"] = "true",
            ["Demo__Enabled"] = "false",
            ["RateLimits__LoginPermitsPerAddressPerMinute"] = "10000",
            ["RateLimits__LoginPermitsPerAccountPerMinute"] = "10000",
            ["RateLimits__PupilLoginPermitsPerTwinSpacePerMinute"] = "10000",
            ["RateLimits__HubInvocationsPerSecond"] = "10000",
            ["RateLimits__HubInvocationBurst"] = "10000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            output.Enqueue(line.Data);
            // Microsoft.Hosting.Lifetime: "Now listening on: http://127.0.0.1:41234"
            var at = line.Data.IndexOf(ListeningPrefix, StringComparison.Ordinal);
            if (at >= 0) listening.TrySetResult(new Uri(line.Data[(at + ListeningPrefix.Length)..].Trim()));
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server process exited during start-up."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri baseUrl;
        // A guard against a hung start, not a speed check: on a machine loaded twenty-fold a start took over a minute.
        try { baseUrl = await listening.Task.WithTimeout(TimeSpan.FromMinutes(3)); }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The server process did not start:\n{string.Join('\n', output)}", failure);
        }
        var server = new ServerProcess(process, baseUrl, dataDirectory);
        await Eventually.AssertAsync(() =>
        {
            Assert.False(process.HasExited, "The server process exited during start-up:\n" + string.Join('\n', output));
            using var response = server._http.GetAsync(new Uri("/health/live", UriKind.Relative)).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }, TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Registers and logs in a new teacher.</summary>
    public async Task<TokenPair> NewTeacherAsync()
    {
        var email = $"teacher.{Guid.NewGuid():N}@school.test";
        const string Password = "correct-horse-battery";
        await Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, Password, "Teacher (AT)", "AT"));
        return await Api.LoginAsync(new LoginRequest(email, Password));
    }

    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens)
    {
        var connection = new TwinSpaceConnection(BaseUrl, () => Task.FromResult<string?>(tokens.AccessToken));
        await connection.StartAsync().WithTimeout();
        return connection;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
