using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>
/// The real server on real Kestrel at 127.0.0.1 port 0, with its own temporary data folder. Tests talk to it
/// over HTTP and SignalR exactly as clients do. Several instances can share one store and one Redis to act as
/// the nodes of a cluster.
/// </summary>
public sealed class CollabServer : IAsyncDisposable
{
    /// <summary>Shared by every test server, so tokens of one node are valid on another.</summary>
    public const string TestSigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItaW50ZWdyYXRpb24tdGVzdHMtb25seQ==";

    private readonly WebApplication _app;
    private readonly string? _ownedDataDirectory;
    private readonly HttpClient _http;
    private int _teacherCount;

    private CollabServer(WebApplication app, Uri baseUrl, string? ownedDataDirectory, CapturedLogs logs)
    {
        _app = app;
        BaseUrl = baseUrl;
        _ownedDataDirectory = ownedDataDirectory;
        Logs = logs;
        _http = new HttpClient { BaseAddress = baseUrl };
        Api = new CollabApiClient(_http);
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public CapturedLogs Logs { get; }

    public CollabApiClient Api { get; }

    public HttpClient Http => _http;

    /// <summary>
    /// Starts a server. <paramref name="settings"/> override configuration (e.g. limits);
    /// <paramref name="shareStoreWith"/> makes this node use another node's store, as a shared database would.
    /// </summary>
    public static async Task<CollabServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, CollabServer? shareStoreWith = null, string? redis = null)
    {
        var dataDirectory = shareStoreWith is null ? Directory.CreateTempSubdirectory("collab-test-").FullName : null;
        var logs = new CapturedLogs();
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory ?? Path.GetTempPath(),
            ["Auth:SigningKey"] = TestSigningKey,
            ["Accounts:AutoValidateTeachers"] = "true",
            ["Demo:Enabled"] = "false",
            ["RateLimits:LoginPermitsPerAddressPerMinute"] = "10000",
            ["RateLimits:LoginPermitsPerAccountPerMinute"] = "10000",
            ["RateLimits:PupilLoginPermitsPerTwinSpacePerMinute"] = "10000",
            ["RateLimits:HubInvocationsPerSecond"] = "10000",
            ["RateLimits:HubInvocationBurst"] = "10000",
            ["Http:WebClientPath"] = RepositoryPaths.WebClientDist,
            ["Redis:ConnectionString"] = redis ?? "",
            ["Redis:ChannelPrefix"] = "collab-test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var app = CollabApp.Build(["--environment=Testing"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Longer than StopAsync's own timeout below: a shutdown that waits for something (a connection nobody
            // closes) fails the test instead of finishing on the host's deadline by chance.
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(60));
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            if (shareStoreWith is not null) builder.Services.AddSingleton(shareStoreWith.Services.GetRequiredService<DatabaseFiles>());
        });
        await app.StartAsync().WithTimeout(TimeSpan.FromSeconds(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new CollabServer(app, new Uri(address), dataDirectory, logs);
    }

    /// <summary>The password of every teacher the tests register.</summary>
    public const string TeacherPassword = "correct-horse-battery";

    /// <summary>Registers a new (auto-validated) teacher; returns the e-mail to log in with (password <see cref="TeacherPassword"/>).</summary>
    public async Task<string> RegisterTeacherAsync(string? displayName = null, string country = "AT")
    {
        var number = Interlocked.Increment(ref _teacherCount);
        var email = $"teacher{number}.{Guid.NewGuid():N}@school.test";
        await Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, TeacherPassword, displayName ?? $"Teacher {number} ({country})", country));
        return email;
    }

    /// <summary>Registers and logs in a new (auto-validated) teacher.</summary>
    public async Task<TokenPair> NewTeacherAsync(string country = "AT") =>
        await Api.LoginAsync(new LoginRequest(await RegisterTeacherAsync(country: country), TeacherPassword));

    /// <summary>A started hub connection for <paramref name="tokens"/>.</summary>
    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens, bool useMessagePack = false, string? language = null)
    {
        var connection = new TwinSpaceConnection(BaseUrl, () => Task.FromResult<string?>(tokens.AccessToken), useMessagePack, language);
        await connection.StartAsync().WithTimeout();
        return connection;
    }

    /// <summary>Logs a pupil in with the credentials a teacher received.</summary>
    public Task<TokenPair> PupilLoginAsync(TwinSpaceView twinSpace, PupilCredentials pupil) =>
        Api.PupilLoginAsync(new PupilLoginRequest(twinSpace.Code, pupil.Username, pupil.Password));

    private bool _stopped;

    /// <summary>Stops the host (hosted services, then Kestrel) as a shutdown signal would; <see cref="DisposeAsync"/> disposes it.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync().WithTimeout(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
        if (_ownedDataDirectory is not null)
        {
            try { Directory.Delete(_ownedDataDirectory, recursive: true); }
            catch (IOException) { /* a file still closing; the temp folder is cleaned by the OS */ }
        }
    }
}
