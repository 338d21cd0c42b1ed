using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ETwinning.Collab.Benchmarks.Hosting;

/// <summary>
/// Server nodes in the load tool's own process (one, or two sharing one store with Redis), with members added straight
/// to the store and tokens from the server's issuer: thousands of participants cost no password hashing. The live
/// quiz, room signalling and chat loads start from here; the chat load also runs several nodes on PostgreSQL.
/// </summary>
internal sealed class InProcessNodes : IAsyncDisposable
{
    private readonly List<WebApplication> _nodes = [];
    private readonly List<TwinSpaceConnection> _connections = [];

    private InProcessNodes(string dataDirectory, Dictionary<string, string?> settings)
    {
        DataDirectory = dataDirectory;
        Settings = settings;
    }

    public IReadOnlyList<WebApplication> Nodes => _nodes;

    /// <summary>The nodes' data directory (removed with the nodes).</summary>
    public string DataDirectory { get; }

    /// <summary>The configuration every node started with (data directory, storage, limits, Redis).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public int ConnectionCount
    {
        get { lock (_connections) return _connections.Count; }
    }

    /// <param name="settings">Configuration on top of the load defaults (limits raised so the load, not a limit, is measured).</param>
    public static Task<InProcessNodes> StartAsync(string? redis, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(redis is null ? 1 : 2, redis, postgres: null, settings);

    /// <summary>
    /// <paramref name="nodeCount"/> nodes on LiteDB (sharing the first node's database files) or, with
    /// <paramref name="postgres"/> (a connection string), on that PostgreSQL database; more than one node talk through
    /// <paramref name="redis"/>.
    /// </summary>
    public static async Task<InProcessNodes> StartAsync(int nodeCount, string? redis, string? postgres, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("collab-load-").FullName;
        var nodes = new InProcessNodes(dataDirectory, Configuration(dataDirectory, redis, postgres, settings));
        for (var n = 0; n < nodeCount; n++) nodes._nodes.Add(await StartNodeAsync(nodes.Settings, postgres is not null || n == 0 ? null : nodes._nodes[0]));
        return nodes;
    }

    public T Service<T>() where T : notnull => _nodes[0].Services.GetRequiredService<T>();

    public Task<TokenPair> IssueAsync(AccountView account) => Service<TokenIssuer>().IssueAsync(account);

    /// <summary>A teacher account known only by its token, and the membership of <paramref name="twinSpaceId"/> to store with it.</summary>
    public async Task<(TokenPair Tokens, Membership Membership)> TeacherAsync(string twinSpaceId, string name, string country, TwinSpaceRole role = TwinSpaceRole.Teacher)
    {
        var id = Guid.NewGuid().ToString("N");
        var membership = new Membership
        {
            Id = Membership.KeyOf(twinSpaceId, id), TwinSpaceId = twinSpaceId, AccountId = id, Role = role,
            Kind = AccountKind.Teacher, DisplayName = name, Country = country, JoinedAt = DateTime.UtcNow,
        };
        return (await IssueAsync(new AccountView(id, AccountKind.Teacher, name, country, null)), membership);
    }

    /// <summary>
    /// A SignalR connection (MessagePack, no negotiate request: one descriptor per client, as the web client does) to
    /// node <paramref name="nodeIndex"/> modulo the node count; disposed with the nodes.
    /// </summary>
    public async Task<TwinSpaceConnection> ConnectAsync(TokenPair tokens, int nodeIndex = 0)
    {
        var node = _nodes[nodeIndex % _nodes.Count];
        var url = new Uri(node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var connection = new TwinSpaceConnection(url, () => Task.FromResult<string?>(tokens.AccessToken), useMessagePack: true, skipNegotiation: true);
        await connection.StartAsync();
        lock (_connections) _connections.Add(connection);
        return connection;
    }

    /// <summary>A TwinSpace founded by <paramref name="founder"/>, stored directly (the founder has no account record).</summary>
    public async Task<TwinSpace> CreateTwinSpaceAsync(AccountView founder, string title)
    {
        var id = Guid.NewGuid().ToString("N");
        var twinSpace = new TwinSpace { Id = id, Code = "LOAD" + id[..6].ToUpperInvariant(), Title = title, CreatedBy = founder.Id, CreatedAt = DateTime.UtcNow };
        await Service<ITwinSpaceStore>().AddAsync(twinSpace, new Membership
        {
            Id = Membership.KeyOf(id, founder.Id), TwinSpaceId = id, AccountId = founder.Id, Role = TwinSpaceRole.TeacherAdministrator,
            Kind = AccountKind.Teacher, DisplayName = founder.DisplayName, IsFounder = true, JoinedAt = DateTime.UtcNow,
        });
        return twinSpace;
    }

    /// <summary>Closes the connections and stops the nodes, keeping the data directory (for a server started on it afterwards).</summary>
    public async Task StopNodesAsync()
    {
        List<TwinSpaceConnection> connections;
        lock (_connections)
        {
            connections = [.. _connections];
            _connections.Clear();
        }
        foreach (var connection in connections) await connection.DisposeAsync();
        foreach (var node in _nodes.AsEnumerable().Reverse())
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
        _nodes.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopNodesAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    private static Dictionary<string, string?> Configuration(
        string dataDirectory, string? redis, string? postgres, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Storage:Provider"] = postgres is null ? "LiteDb" : "Postgres",
            ["Storage:Postgres:ConnectionString"] = postgres ?? "",
            ["Auth:SigningKey"] = "YmVuY2htYXJrLXNpZ25pbmcta2V5LWZvci1sb2FkLXRlc3RzLW9ubHktMTIzNDU=",
            ["Demo:Enabled"] = "false",
            ["RateLimits:HubInvocationsPerSecond"] = "10000",
            ["RateLimits:HubInvocationBurst"] = "100000",
            ["TwinSpaces:MaxMembers"] = "100000",
            ["Redis:ConnectionString"] = redis ?? "",
            ["Redis:ChannelPrefix"] = "collab-bench",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    private static async Task<WebApplication> StartNodeAsync(IReadOnlyDictionary<string, string?> settings, WebApplication? shareStoreWith)
    {
        var app = CollabApp.Build(["--environment=Benchmark"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole();
            if (shareStoreWith is not null) builder.Services.AddSingleton(shareStoreWith.Services.GetRequiredService<DatabaseFiles>());
        });
        await app.StartAsync();
        return app;
    }
}
