using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>
/// A real PostgreSQL 15 (Debian package) in its own data directory on a free loopback port, started with
/// initdb/pg_ctl and removed on dispose. PostgreSQL refuses to run as root, so as root the server runs as the
/// <c>postgres</c> user the package creates. One server per test run (see <see cref="Shared"/>); each suite makes
/// its own database in it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string DirectoryPrefix = "collab-pg-";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(() => StartAsync());
    private readonly string _directory;
    private int _databases;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>The server every test of this run shares; stopped when the process exits.</summary>
    public static Task<PostgresServer> Shared => SharedServer.Value;

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20";

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries();
        RemoveStaleDirectories();
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        var server = new PostgresServer(directory, FreePort());
        if (Environment.UserName == "root") await RunAsync("chown", $"postgres:postgres {directory}");
        await RunAsPostgresAsync(Path.Combine(binaries, "initdb"), $"-D {server.DataDirectory} -U postgres --auth=trust --encoding=UTF8 --no-sync");
        await server.StartProcessAsync(binaries);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopQuietly();
        return server;
    }

    /// <summary>A new empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        // Unique across test processes sharing nothing but the machine; PostgreSQL keeps 63 bytes of a name.
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown: connections are cut, as in an outage).</summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(FindBinaries(), "pg_ctl"), $"-D {DataDirectory} -m fast -w stop");

    /// <summary>Starts it again on the same port and data.</summary>
    public Task RestartAsync() => StartProcessAsync(FindBinaries());

    public async ValueTask DisposeAsync()
    {
        StopQuietly();
        await Task.CompletedTask;
    }

    private async Task StartProcessAsync(string binaries)
    {
        var options = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=200";
        await RunAsPostgresAsync(Path.Combine(binaries, "pg_ctl"), $"-D {DataDirectory} -l {Path.Combine(_directory, "log")} -w -t 60 -o \"{options}\" start");
    }

    private void StopQuietly()
    {
        try
        {
            if (Directory.Exists(DataDirectory))
                RunAsPostgresAsync(Path.Combine(FindBinaries(), "pg_ctl"), $"-D {DataDirectory} -m immediate -w stop").Wait(TimeSpan.FromSeconds(20));
        }
        catch (Exception) { /* already stopped */ }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
        catch (UnauthorizedAccessException) { /* the OS cleans temp */ }
    }

    /// <summary>
    /// Data directories of earlier runs whose server is gone. A test host that is killed at the end of a run never gets
    /// to remove its own (about 2 GB with every suite's database), and runs add up until the disk is full.
    /// </summary>
    private static void RemoveStaleDirectories()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            // Another test process may be creating its own right now (its server starts seconds later), or have stopped
            // it for an outage test: only an hour-old directory without a running server is stale.
            if (Directory.GetCreationTimeUtc(directory) > DateTime.UtcNow - StaleAfter) continue;
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && IsRunning(pid)) continue;
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { /* another run is starting it right now */ }
            catch (UnauthorizedAccessException) { /* not ours to remove */ }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
              ?? throw new InvalidOperationException("PostgreSQL binaries not found (apt-get install postgresql).")
            : throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");

    private static Task RunAsPostgresAsync(string program, string arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", $"-u postgres -- {program} {arguments}") : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
