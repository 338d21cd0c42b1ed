using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>
/// A real Janus 1.1 (Debian package <c>janus</c>) with a configuration of our own in a temporary folder: only the
/// VideoRoom plugin and the HTTP transport (on a free loopback port), signed-token authentication and a VideoRoom
/// admin key, as a deployment would run it, plus the admin API on another loopback port for the tests to look inside. Stopped and its folder removed on dispose.
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    private const string RtpPortRange = "40000-40999";
    private const int MaxPortAttempts = 3;
    private readonly Process _process;
    private readonly string _folder;

    private readonly string _adminUrl;
    private readonly string _adminSecret;

    private JanusServer(Process process, string folder, int port, int adminPort, string tokenAuthSecret, string adminKey, string adminSecret)
    {
        _process = process;
        _folder = folder;
        Url = $"http://127.0.0.1:{port}/janus";
        _adminUrl = $"http://127.0.0.1:{adminPort}/admin";
        _adminSecret = adminSecret;
        TokenAuthSecret = tokenAuthSecret;
        AdminKey = adminKey;
    }

    /// <summary>The HTTP API's base URL.</summary>
    public string Url { get; }

    public string TokenAuthSecret { get; }

    public string AdminKey { get; }

    /// <summary>Configuration for a server node that uses this Janus for sessions of rooms seating more than four.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Rooms:Media:Janus:Url"] = Url,
        ["Rooms:Media:Janus:TokenAuthSecret"] = TokenAuthSecret,
        ["Rooms:Media:Janus:AdminKey"] = AdminKey,
        ["Rooms:Media:Janus:RoomKey"] = RoomKey,
        ["Rooms:MaxMeshVideoSenders"] = "4",
    };

    public static async Task<JanusServer> StartAsync()
    {
        // Like redis-server, janus cannot report a port it picked; a port taken meanwhile makes it exit, and we retry.
        for (var attempt = 1; ; attempt++)
        {
            var server = await TryStartAsync(RedisServer.FreePort(), RedisServer.FreePort());
            if (server is not null) return server;
            if (attempt == MaxPortAttempts) throw new InvalidOperationException("janus did not start (apt-get install janus).");
        }
    }

    public const string RoomKey = "room-key-of-the-integration-tests-janus";

    /// <summary>Janus's own answer to a raw request, as anyone who reached its API would send it (no SignalR, no server).</summary>
    public Task<JsonElement> PostAsync(string path, Dictionary<string, object?> message) => PostToAsync(Url + path, message);

    /// <summary>A VideoRoom handle of a raw client holding a valid signed token (someone who got past Janus's own gate).</summary>
    public async Task<string> AttachAsync()
    {
        var session = await PostAsync("", new() { ["janus"] = "create", ["token"] = SignedToken() });
        var id = session.GetProperty("data").GetProperty("id").GetInt64();
        var handle = await PostAsync($"/{id}", new() { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom", ["token"] = SignedToken() });
        return $"/{id}/{handle.GetProperty("data").GetProperty("id").GetInt64()}";
    }

    /// <summary>A VideoRoom request on a raw handle; the plugin's answer, or for a join the event that answers it.</summary>
    public async Task<JsonElement> VideoRoomAsync(string handle, Dictionary<string, object?> body)
    {
        var reply = await PostAsync(handle, new() { ["janus"] = "message", ["body"] = body, ["token"] = SignedToken() });
        if (reply.GetProperty("janus").GetString() != "ack") return reply.GetProperty("plugindata").GetProperty("data");
        using var http = new HttpClient();
        var session = handle.Split('/')[1];
        var events = await http.GetFromJsonAsync<JsonElement>($"{Url}/{session}?maxev=10&token={Uri.EscapeDataString(SignedToken())}").WithTimeout();
        return events.EnumerateArray().First(e => e.GetProperty("transaction").GetString() == reply.GetProperty("transaction").GetString())
            .GetProperty("plugindata").GetProperty("data");
    }

    /// <summary>The VideoRoom's rooms, private ones included (the admin key shows them).</summary>
    public async Task<IReadOnlyList<JsonElement>> RoomsAsync()
    {
        var list = await VideoRoomAsync(await AttachAsync(), new() { ["request"] = "list", ["admin_key"] = AdminKey });
        return [.. list.GetProperty("list").EnumerateArray()];
    }

    /// <summary>
    /// How many VideoRoom subscriptions Janus holds now, from its admin API (which the server never uses): each is a handle
    /// forwarding one participant's feed to another.
    /// </summary>
    public async Task<int> SubscriptionCountAsync()
    {
        var count = 0;
        foreach (var session in (await AdminAsync("", "list_sessions")).GetProperty("sessions").EnumerateArray())
        {
            foreach (var handle in (await AdminAsync($"/{session.GetInt64()}", "list_handles")).GetProperty("handles").EnumerateArray())
            {
                var info = await AdminAsync($"/{session.GetInt64()}/{handle.GetInt64()}", "handle_info");
                if (info.TryGetProperty("info", out var details) && details.TryGetProperty("plugin_specific", out var plugin)
                    && plugin.TryGetProperty("type", out var type) && type.GetString() == "subscriber")
                    count++;
            }
        }
        return count;
    }

    private Task<JsonElement> AdminAsync(string path, string request) =>
        PostToAsync(_adminUrl + path, new() { ["janus"] = request, ["admin_secret"] = _adminSecret });

    /// <summary>One request to Janus's HTTP API (or its admin API) with a fresh transaction id, and its answer.</summary>
    private static async Task<JsonElement> PostToAsync(string url, Dictionary<string, object?> message)
    {
        message["transaction"] = Guid.NewGuid().ToString("N");
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(url, message).WithTimeout();
        return await response.Content.ReadFromJsonAsync<JsonElement>().WithTimeout();
    }

    /// <summary>Janus's signed-token format: <c>expiry,janus,plugin:base64(HMAC-SHA1(secret, expiry,janus,plugin))</c>.</summary>
    public string SignedToken()
    {
        var data = $"{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()},janus,janus.plugin.videoroom";
#pragma warning disable CA5350
        return $"{data}:{Convert.ToBase64String(HMACSHA1.HashData(System.Text.Encoding.UTF8.GetBytes(TokenAuthSecret), System.Text.Encoding.UTF8.GetBytes(data)))}";
#pragma warning restore CA5350
    }

    private static async Task<JanusServer?> TryStartAsync(int port, int adminPort)
    {
        var folder = Directory.CreateTempSubdirectory("janus-test-").FullName;
        var library = LibraryFolder();
        // Our own plugin and transport folders hold just what we use, so nothing else loads (no other port opens).
        foreach (var (kind, file) in new[] { ("plugins", "libjanus_videoroom.so"), ("transports", "libjanus_http.so") })
        {
            Directory.CreateDirectory(Path.Combine(folder, kind));
            File.CreateSymbolicLink(Path.Combine(folder, kind, file), Path.Combine(library, kind, file));
        }
        Directory.CreateDirectory(Path.Combine(folder, "none"));
        var (tokenAuthSecret, adminKey, adminSecret) = (Secret(), Secret(), Secret());
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.jcfg"), $$"""
            general: {
                configs_folder = "{{folder}}"
                plugins_folder = "{{folder}}/plugins"
                transports_folder = "{{folder}}/transports"
                events_folder = "{{folder}}/none"
                loggers_folder = "{{folder}}/none"
                debug_level = 4
                token_auth = true
                token_auth_secret = "{{tokenAuthSecret}}"
                session_timeout = 60
                admin_secret = "{{adminSecret}}"
            }
            media: { rtp_port_range = "{{RtpPortRange}}" }
            nat: { ice_ignore_list = "vmnet" }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.transport.http.jcfg"), $$"""
            general: { json = "plain" base_path = "/janus" http = true port = {{port}} ip = "127.0.0.1" https = false }
            admin: { admin_base_path = "/admin" admin_http = true admin_port = {{adminPort}} admin_ip = "127.0.0.1" admin_https = false }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.plugin.videoroom.jcfg"), $$"""
            general: { admin_key = "{{adminKey}}" }
            """);
        var process = Process.Start(new ProcessStartInfo("janus", ["-F", folder, "-C", Path.Combine(folder, "janus.jcfg")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        }) ?? throw new InvalidOperationException("janus did not start (apt-get install janus).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new JanusServer(process, folder, port, adminPort, tokenAuthSecret, adminKey, adminSecret);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ResultAsync(async () =>
        {
            if (process.HasExited) return false;
            var info = await http.GetFromJsonAsync<JsonElement>($"{started.Url}/info");
            Assert.Equal("server_info", info.GetProperty("janus").GetString());
            return true;
        });
        if (!process.HasExited) return started;
        await started.DisposeAsync();
        return null;
    }

    private static string LibraryFolder()
    {
        // Debian installs the plugins under /usr/lib/<multiarch triplet>/janus; a source build under /usr/local/lib/janus or /opt/janus/lib/janus.
        var candidates = Directory.GetDirectories("/usr/lib").Select(d => Path.Combine(d, "janus")).Append("/usr/lib/janus")
            .Append("/usr/local/lib/janus").Append("/opt/janus/lib/janus");
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "plugins", "libjanus_videoroom.so")))
            ?? throw new InvalidOperationException("The Janus VideoRoom plugin is not installed (apt-get install janus).");
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
