using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.IntegrationTests.Cluster;

/// <summary>
/// A cluster as it runs in production, on loopback: several server processes on PostgreSQL (the shared store) and
/// Redis (backplane, node bus, cluster-wide counters), behind nginx. Blobs live in one folder every node shares, as
/// a shared volume would be. Clients connect through the balancer with WebSockets only (no sticky sessions).
/// </summary>
public sealed class CollabCluster : IAsyncDisposable
{
    private readonly string _sharedDirectory;

    private CollabCluster(PostgresServer postgres, bool ownsPostgres, RedisServer redis, List<ServerProcess> nodes, NginxBalancer balancer,
        string sharedDirectory)
    {
        Postgres = postgres;
        OwnsPostgres = ownsPostgres;
        Redis = redis;
        Nodes = nodes;
        Balancer = balancer;
        _sharedDirectory = sharedDirectory;
        Http = new HttpClient { BaseAddress = balancer.BaseUrl };
        Api = new CollabApiClient(Http);
    }

    /// <summary>Chat limits out of the way, for tests that send as fast as acknowledgements come back.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoChatLimits = new Dictionary<string, string>
    {
        ["Chat:MessageBurst"] = "1000000",
        ["Chat:MessagesPerMinute"] = "6000000",
    };

    public PostgresServer Postgres { get; }

    private bool OwnsPostgres { get; }

    public RedisServer Redis { get; }

    /// <summary>The nodes in the order nginx lists them (round robin walks them in this order).</summary>
    public IReadOnlyList<ServerProcess> Nodes { get; }

    public NginxBalancer Balancer { get; }

    public HttpClient Http { get; }

    /// <summary>The HTTP API through the balancer.</summary>
    public CollabApiClient Api { get; }

    /// <summary>
    /// Starts <paramref name="nodeCount"/> nodes on a fresh database. With <paramref name="ownPostgres"/> the cluster
    /// gets a PostgreSQL server of its own (for tests that stop it); otherwise a database on the shared test server.
    /// </summary>
    public static async Task<CollabCluster> StartAsync(int nodeCount = 3, bool ownPostgres = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var postgres = ownPostgres ? await PostgresServer.StartAsync() : await PostgresServer.Shared;
        var database = await postgres.CreateDatabaseAsync();
        var redis = await RedisServer.StartAsync();
        var shared = Directory.CreateTempSubdirectory("collab-cluster-").FullName;
        var nodeSettings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = database,
            ["Redis:ConnectionString"] = redis.ConnectionString,
            // Behind nginx every request comes from 127.0.0.1; the client's address is in X-Forwarded-For.
            ["Http:KnownProxies:0"] = "127.0.0.1",
            // Loopback scrapes only (no key): the tests read each node's connection count from its metrics.
            ["Metrics:Prometheus:Enabled"] = "true",
        };
        // Nodes start one after another: the first applies the schema (the others wait on its advisory lock anyway).
        var nodes = new List<ServerProcess>();
        foreach (var _ in Enumerable.Range(0, nodeCount)) nodes.Add(await ServerProcess.StartAsync(shared, nodeSettings));
        var balancer = await NginxBalancer.StartAsync(nodes.Select(node => node.BaseUrl));
        return new CollabCluster(postgres, ownPostgres, redis, nodes, balancer, shared);
    }

    /// <summary>Registers and logs in a new (auto-validated) teacher through the balancer.</summary>
    public async Task<TokenPair> NewTeacherAsync(string country = "AT")
    {
        var email = $"teacher.{Guid.NewGuid():N}@school.test";
        await Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, CollabServer.TeacherPassword, $"Teacher ({country})", country));
        return await Api.LoginAsync(new LoginRequest(email, CollabServer.TeacherPassword));
    }

    public Task<TokenPair> PupilLoginAsync(TwinSpaceView twinSpace, PupilCredentials pupil) =>
        Api.PupilLoginAsync(new PupilLoginRequest(twinSpace.Code, pupil.Username, pupil.Password));

    /// <summary>A hub connection through the balancer (WebSockets without negotiation: any node may take it).</summary>
    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens)
    {
        var connection = new TwinSpaceConnection(Balancer.BaseUrl, () => Task.FromResult<string?>(tokens.AccessToken), skipNegotiation: true);
        await connection.StartAsync().WithTimeout();
        return connection;
    }

    /// <summary>A hub connection straight to one node, bypassing the balancer.</summary>
    public async Task<TwinSpaceConnection> ConnectToAsync(int node, TokenPair tokens)
    {
        var connection = new TwinSpaceConnection(Nodes[node].BaseUrl, () => Task.FromResult<string?>(tokens.AccessToken), skipNegotiation: true);
        await connection.StartAsync().WithTimeout();
        return connection;
    }

    /// <summary>How many hub connections <paramref name="node"/> holds, from its own metrics.</summary>
    public async Task<long> ConnectionsOnAsync(int node)
    {
        using var http = new HttpClient { BaseAddress = Nodes[node].BaseUrl };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        // Prometheus text format: "collab_connections{labels} 3" or "collab_connections 3".
        return text.Split('\n')
            .Where(line => line.StartsWith("collab_connections", StringComparison.Ordinal) && !line.StartsWith("collab_connections_", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The one node whose connection count went up by one since <paramref name="before"/>, once its metrics show it.</summary>
    public async Task<int> NodeThatGainedAsync(long[] before)
    {
        var node = -1;
        await Eventually.AssertAsync(() =>
        {
            var now = Enumerable.Range(0, Nodes.Count).Select(n => ConnectionsOnAsync(n).GetAwaiter().GetResult()).ToArray();
            var gained = Enumerable.Range(0, Nodes.Count).Where(n => now[n] == before[n] + 1).ToList();
            Assert.Single(gained);
            Assert.Equal(before.Sum() + 1, now.Sum());
            node = gained[0];
        });
        return node;
    }

    /// <summary>Every node's connection count now.</summary>
    public async Task<long[]> ConnectionCountsAsync() =>
        await Task.WhenAll(Enumerable.Range(0, Nodes.Count).Select(ConnectionsOnAsync));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Balancer.DisposeAsync();
        foreach (var node in Nodes) await node.DisposeAsync();
        await Redis.DisposeAsync();
        if (OwnsPostgres) await Postgres.DisposeAsync();
        try { Directory.Delete(_sharedDirectory, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }
}
