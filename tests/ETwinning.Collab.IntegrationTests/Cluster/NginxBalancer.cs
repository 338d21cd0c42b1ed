using System.Diagnostics;
using System.Globalization;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Cluster;

/// <summary>
/// A real nginx (Debian package) on a free loopback port, configured from <c>samples/cluster/nginx.conf.template</c>
/// (the configuration the README documents), balancing round robin over the given nodes. Stopped on dispose.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    private readonly Process _process;
    private readonly string _prefix;

    private NginxBalancer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    public static async Task<NginxBalancer> StartAsync(IEnumerable<Uri> nodes)
    {
        var upstreams = string.Join('\n', nodes.Select(node => $"        server {node.Host}:{node.Port} max_fails=1 fail_timeout=5s;"));
        for (var attempt = 1; ; attempt++)
        {
            // nginx cannot bind port 0 and report it; a port taken meanwhile makes it exit, and another is tried.
            var balancer = await TryStartAsync(upstreams, RedisServer.FreePort());
            if (balancer is not null) return balancer;
            if (attempt == MaxPortAttempts) throw new InvalidOperationException("nginx did not start (apt-get install nginx).");
        }
    }

    private static async Task<NginxBalancer?> TryStartAsync(string upstreams, int port)
    {
        var prefix = Directory.CreateTempSubdirectory("collab-nginx-").FullName;
        var template = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "cluster", "nginx.conf.template"));
        var configuration = template
            // As root, nginx's workers would switch to "nobody", which cannot write the temporary folder made here.
            .Replace("{{USER}}", Environment.UserName == "root" ? "user root;" : "", StringComparison.Ordinal)
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{LISTEN}}", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("{{UPSTREAMS}}", upstreams, StringComparison.Ordinal);
        var file = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration);
        var process = Process.Start(new ProcessStartInfo(NginxBinary, ["-p", prefix, "-c", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new NginxBalancer(process, prefix, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.AssertAsync(() =>
        {
            if (process.HasExited) return;
            using var response = http.GetAsync(new Uri(balancer.BaseUrl, "/health/live")).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }, TimeSpan.FromSeconds(30));
        if (!process.HasExited) return balancer;
        process.Dispose();
        Directory.Delete(prefix, recursive: true);
        return null;
    }

    private static string NginxBinary => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
        _process.Dispose();
        try { Directory.Delete(_prefix, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }
}
