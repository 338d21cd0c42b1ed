using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>A real redis-server (Debian package) on a free loopback port, without persistence, stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts redis-server on a free port, or on <paramref name="port"/> (to bring a killed one back).</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        // redis-server cannot bind port 0 and report it, so a free port is picked here; it can be taken before
        // redis binds it (e.g. as the source port of another test's connection): then redis exits, and a fresh port
        // is tried. A port given by the caller is theirs to keep.
        for (var attempt = 1; ; attempt++)
        {
            var server = await TryStartAsync(port ?? FreePort());
            if (server is not null) return server;
            if (port is not null || attempt == MaxPortAttempts) throw new InvalidOperationException($"redis-server did not start on port {port}.");
        }
    }

    private const int MaxPortAttempts = 3;

    private static async Task<RedisServer?> TryStartAsync(int port)
    {
        var process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServer(process, port);
        await Eventually.AssertAsync(() =>
        {
            if (process.HasExited) return;
            using var probe = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { server.ConnectionString }, ConnectTimeout = 500, AllowAdmin = true });
            // Ours, not another test's redis that won the same port (ours then exits).
            Assert.Contains($"process_id:{process.Id}\r\n", probe.GetServer(server.ConnectionString).InfoRaw("server"), StringComparison.Ordinal);
        });
        if (!process.HasExited) return server;
        process.Dispose();
        return null;
    }

    /// <summary>SIGKILL, as a crash or a network partition would look to the nodes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
    }

    /// <summary>
    /// SIGSTOP: the process keeps its sockets open but answers nothing, as a hung server or a silent network
    /// partition looks to the nodes (commands are sent and wait for replies that never come). Dispose still kills it.
    /// </summary>
    public async Task FreezeAsync()
    {
        using var stop = Process.Start("kill", ["-STOP", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await stop.WaitForExitAsync().WithTimeout();
    }

    /// <summary>SIGCONT: a frozen server answers again.</summary>
    public async Task ThawAsync()
    {
        using var resume = Process.Start("kill", ["-CONT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await resume.WaitForExitAsync().WithTimeout();
    }

    private bool _disposed;

    /// <summary>Stops the server; calling it again does nothing (tests stop Redis on purpose to simulate an outage).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
