using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>
/// Presence over every node, in Redis. Per TwinSpace a hash <c>&lt;prefix&gt;:presence:&lt;twinSpaceId&gt;</c> holds one
/// field per (account, node) with the member's name; a sorted set <c>&lt;prefix&gt;:presence-nodes</c> holds each node's
/// deadline, which its heartbeat pushes <see cref="ClusterOptions.NodeTimeoutSeconds"/> ahead every
/// <see cref="ClusterOptions.NodeHeartbeatSeconds"/>. A field counts only while its node's deadline lies ahead (Redis
/// TIME, so node clocks do not matter). Each heartbeat also removes nodes past their deadline; the node whose script
/// removed one reaps it: deletes its fields and announces offline whoever is now on no live node. So a node killed
/// with kill -9 drops out of snapshots after at most the timeout, and out of everyone's member list one heartbeat later.
/// Every change is one Lua script, so two nodes never both think they saw an account's first or last connection.
/// A node that finds itself missing from the set (Redis restarted, or it was cut off and reaped) writes its
/// connections again. Redis down: this node's own connections are what it knows, and every change is announced.
/// </summary>
internal sealed partial class RedisPresence(
    IConnectionMultiplexer redis, RedisOptions redisOptions, NodeIdentity node, IOptions<ClusterOptions> options,
    IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, TimeProvider clock, ILogger<RedisPresence> logger)
    : BackgroundService, IClusterPresence
{
    private const string Now = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

        """;

    // KEYS: the TwinSpace's hash, the nodes set, this node's set of TwinSpaces. ARGV: account, node, name, TwinSpace id,
    // key lifetime (ms). Drops fields of dead nodes on the way; answers 1 when no other live node has the account.
    private const string Sweep = Now + """
        local account, node = ARGV[1], ARGV[2]
        local others, mine = 0, 0
        for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
          local sep = string.find(field, '\n', 1, true)
          local a, n = string.sub(field, 1, sep - 1), string.sub(field, sep + 1)
          if n == node then
            if a ~= account then mine = mine + 1 end
          elseif tonumber(redis.call('ZSCORE', KEYS[2], n) or '0') <= now then
            redis.call('HDEL', KEYS[1], field)
          elseif a == account then
            others = others + 1
          end
        end

        """;

    private const string JoinScript = Sweep + """
        redis.call('HSET', KEYS[1], account .. '\n' .. node, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('SADD', KEYS[3], ARGV[4])
        redis.call('PEXPIRE', KEYS[3], ARGV[5])
        if others == 0 then return 1 end
        return 0
        """;

    private const string LeaveScript = Sweep + """
        redis.call('HDEL', KEYS[1], account .. '\n' .. node)
        if mine == 0 then redis.call('SREM', KEYS[3], ARGV[4]) end
        if others == 0 then return 1 end
        return 0
        """;

    // KEYS: the TwinSpace's hash, the nodes set. The distinct accounts on live nodes.
    private const string OnlineScript = Now + """
        local seen, online = {}, {}
        for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
          local sep = string.find(field, '\n', 1, true)
          local a, n = string.sub(field, 1, sep - 1), string.sub(field, sep + 1)
          if not seen[a] and tonumber(redis.call('ZSCORE', KEYS[2], n) or '0') > now then
            seen[a] = true
            table.insert(online, a)
          end
        end
        return online
        """;

    // KEYS: the nodes set, this node's set of TwinSpaces. ARGV: node, timeout (ms), hash key prefix, key lifetime (ms).
    // Answers {1 when this node was missing, nodes past their deadline (now removed, for this node to reap)...}.
    private const string HeartbeatScript = Now + """
        local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
        if #dead > 0 then redis.call('ZREM', KEYS[1], unpack(dead)) end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        for _, twinSpace in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('PEXPIRE', ARGV[3] .. twinSpace, ARGV[4]) end
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        table.insert(dead, 1, added)
        return dead
        """;

    // KEYS: the nodes set, the dead node's set of TwinSpaces. ARGV: dead node, hash key prefix.
    // Deletes the dead node's fields; answers {twinSpaceId, accountId, name, ...} for accounts now on no live node.
    private const string ReapScript = Now + """
        local gone = {}
        for _, twinSpace in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local hash = ARGV[2] .. twinSpace
          local fields = redis.call('HGETALL', hash)
          local lost, live = {}, {}
          for i = 1, #fields, 2 do
            local field = fields[i]
            local sep = string.find(field, '\n', 1, true)
            local a, n = string.sub(field, 1, sep - 1), string.sub(field, sep + 1)
            if n == ARGV[1] then
              redis.call('HDEL', hash, field)
              lost[a] = fields[i + 1]
            elseif tonumber(redis.call('ZSCORE', KEYS[1], n) or '0') > now then
              live[a] = true
            end
          end
          for a, name in pairs(lost) do
            if not live[a] then
              table.insert(gone, twinSpace)
              table.insert(gone, a)
              table.insert(gone, name)
            end
          end
        end
        redis.call('DEL', KEYS[2])
        return gone
        """;

    // KEYS: the nodes set. ARGV: the node. Answers 1 while the node's deadline lies ahead.
    private const string AliveScript = Now + """
        if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0') > now then return 1 end
        return 0
        """;

    private readonly NodePresence _node = new();
    private readonly ClusterOptions _options = options.Value;
    private readonly string _hashPrefix = redisOptions.ChannelPrefix + ":presence:";
    private readonly RedisKey _nodes = redisOptions.ChannelPrefix + ":presence-nodes";
    private int _failing;

    private RedisKey SpacesOf(string nodeId) => $"{redisOptions.ChannelPrefix}:presence-node:{nodeId}";

    // Long enough that a live node's keys never lapse between heartbeats; short enough that a dead cluster's go away.
    private long KeyLifetimeMilliseconds => 2L * _options.NodeTimeoutSeconds * 1000;

    public async ValueTask<bool> ArrivedAsync(string twinSpaceId, ConnectionMember member, CancellationToken cancellationToken = default)
    {
        _node.Add(twinSpaceId, member.AccountId, member.DisplayName);
        return await ChangeAsync(JoinScript, twinSpaceId, member.AccountId, member.DisplayName, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> DepartedAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default)
    {
        _node.Remove(twinSpaceId, accountId);
        return await ChangeAsync(LeaveScript, twinSpaceId, accountId, "", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlySet<string>> OnlineAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        // This node's own connections count even when Redis lost them (restarted, or this node was reaped while cut off).
        var online = _node.In(twinSpaceId);
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(OnlineScript, [_hashPrefix + twinSpaceId, _nodes])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            online.UnionWith(((RedisValue[])result!).Select(value => value.ToString()));
            Recovered();
        }
        catch (Exception error) when (RedisFailure.Is(error)) { Failed(error); }
        return online;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the first connection arrives, so its presence counts from the start.
        await HeartbeatAsync().ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A node stopping on purpose leaves at once instead of after the timeout; fire and forget, as Redis may be gone.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try { redis.GetDatabase().SortedSetRemove(_nodes, node.Id, CommandFlags.FireAndForget); }
        catch (Exception error) when (RedisFailure.Is(error)) { Failed(error); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.NodeHeartbeatSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await HeartbeatAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async ValueTask<bool> IsNodeAliveAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        if (nodeId == node.Id) return true;
        try
        {
            var alive = await redis.GetDatabase().ScriptEvaluateAsync(AliveScript, [_nodes], [nodeId]).WaitAsync(cancellationToken).ConfigureAwait(false);
            Recovered();
            return (long)alive == 1;
        }
        catch (Exception error) when (RedisFailure.Is(error))
        {
            Failed(error);
            return true;
        }
    }

    private async Task<bool> ChangeAsync(string script, string twinSpaceId, string accountId, string displayName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(script,
                [_hashPrefix + twinSpaceId, _nodes, SpacesOf(node.Id)],
                [accountId, node.Id, displayName, twinSpaceId, KeyLifetimeMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false);
            Recovered();
            return (long)result == 1;
        }
        catch (Exception error) when (RedisFailure.Is(error))
        {
            // Announcing a change another node already announced is harmless; missing one is not.
            Failed(error);
            return true;
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(HeartbeatScript, [_nodes, SpacesOf(node.Id)],
                [node.Id, _options.NodeTimeoutSeconds * 1000L, _hashPrefix, KeyLifetimeMilliseconds]).ConfigureAwait(false))!;
            Recovered();
            if ((long)result[0] == 1) await RewriteAsync().ConfigureAwait(false);
            foreach (var dead in result.Skip(1)) await ReapAsync(dead.ToString()).ConfigureAwait(false);
        }
        catch (Exception error) when (RedisFailure.Is(error)) { Failed(error); }
    }

    /// <summary>Redis forgot this node (or never knew it): writes its connections again and announces those that are news.</summary>
    private async Task RewriteAsync()
    {
        foreach (var (twinSpaceId, accountId, displayName) in _node.All())
            if (await ChangeAsync(JoinScript, twinSpaceId, accountId, displayName, CancellationToken.None).ConfigureAwait(false))
                await PresenceObserver.Announce(hub, twinSpaceId, accountId, displayName, online: true, exceptConnectionId: null).ConfigureAwait(false);
    }

    private async Task ReapAsync(string deadNodeId)
    {
        LogReaping(deadNodeId);
        var gone = (RedisValue[])(await redis.GetDatabase().ScriptEvaluateAsync(ReapScript, [_nodes, SpacesOf(deadNodeId)],
            [deadNodeId, _hashPrefix]).ConfigureAwait(false))!;
        for (var i = 0; i + 2 < gone.Length; i += 3)
            await PresenceObserver.Announce(hub, gone[i].ToString(), gone[i + 1].ToString(), gone[i + 2].ToString(), online: false, exceptConnectionId: null).ConfigureAwait(false);
    }

    private void Failed(Exception error)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0) LogFallingBack(error);
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1) LogRecovered();
    }

    [LoggerMessage(EventId = 930, Level = LogLevel.Warning, Message = "Redis does not answer: presence shows this node's connections only until it does")]
    private partial void LogFallingBack(Exception error);

    [LoggerMessage(EventId = 931, Level = LogLevel.Information, Message = "Redis answers again: presence covers the cluster")]
    private partial void LogRecovered();

    [LoggerMessage(EventId = 932, Level = LogLevel.Information, Message = "Node {NodeId} stopped sending heartbeats; its connections leave presence")]
    private partial void LogReaping(string nodeId);
}
