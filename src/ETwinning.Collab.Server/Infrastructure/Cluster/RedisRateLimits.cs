using System.Collections.Concurrent;
using System.Globalization;
using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Infrastructure.Cluster;

/// <summary>
/// Rate limits shared through Redis. Logins count in a fixed window with one atomic script per attempt (INCR, and
/// PEXPIRE on the first). Hub, chat and forum permits cannot afford a round trip per call, so each node grants from
/// its own bucket, remembers what it granted, and every <see cref="ClusterOptions.RateLimitSyncMilliseconds"/> adds it
/// to a shared bucket per key in one script (GCRA: the key holds the time at which the bucket is full again). The
/// script answers how long each key is overdrawn; the node then refuses that key locally until then. So an account
/// spread over N nodes gets at most its budget plus what N nodes grant within one sync period, and pays the excess back.
/// Redis down: every node falls back to its own limits (logged once per outage).
/// </summary>
internal sealed partial class RedisRateLimits(
    IConnectionMultiplexer redis, RedisOptions redisOptions, IOptions<ClusterOptions> options, TimeProvider clock, ILogger<RedisRateLimits> logger)
    : BackgroundService, IClusterRateLimits
{
    // Lua numbers are doubles: milliseconds since 1970 are exact in them. TIME keeps node clocks out of it.
    private const string BucketScript = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local waits = {}
        for i, key in ipairs(KEYS) do
          local taken = tonumber(ARGV[3 * i - 2])
          local interval = tonumber(ARGV[3 * i - 1])
          local burst = tonumber(ARGV[3 * i])
          local full = tonumber(redis.call('GET', key) or '0')
          if full < now then full = now end
          full = full + taken * interval
          redis.call('SET', key, string.format('%.3f', full), 'PX', math.ceil(full - now) + 1)
          local wait = full - now - burst * interval
          if wait < 0 then wait = 0 end
          waits[i] = math.ceil(wait)
        end
        return waits
        """;

    private const string WindowScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    // One script call carries at most this many keys, so a busy node's flush does not block Redis for long.
    private const int MaxKeysPerFlush = 500;

    private readonly Lock _gate = new();
    private Dictionary<string, (ClusterBudget Budget, int Granted)> _granted = [];
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusedUntil = new();
    private readonly string _prefix = redisOptions.ChannelPrefix;
    private int _failing;

    public bool Allows(ClusterBudget budget, string key)
    {
        var id = $"{_prefix}:rate:{budget.Name}:{key}";
        if (_refusedUntil.TryGetValue(id, out var until))
        {
            if (clock.GetUtcNow() < until) return false;
            _refusedUntil.TryRemove(id, out _);
        }
        lock (_gate)
            _granted[id] = (budget, (_granted.TryGetValue(id, out var entry) ? entry.Granted : 0) + 1);
        return true;
    }

    public async ValueTask<bool> TryCountAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(WindowScript,
                [(RedisKey)$"{_prefix}:window:{key}"], [(long)window.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false);
            Recovered();
            return count <= permits;
        }
        catch (Exception error) when (RedisFailure.Is(error))
        {
            Failed(error);
            return true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RateLimitSyncMilliseconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await FlushAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Adds what this node granted since the last flush to the shared buckets and learns which keys are overdrawn.</summary>
    internal async Task FlushAsync()
    {
        Dictionary<string, (ClusterBudget Budget, int Granted)> batch;
        lock (_gate)
        {
            if (_granted.Count == 0) return;
            batch = _granted;
            _granted = [];
        }
        foreach (var chunk in batch.Chunk(MaxKeysPerFlush))
        {
            var keys = chunk.Select(pair => (RedisKey)pair.Key).ToArray();
            var arguments = chunk.SelectMany(pair => new RedisValue[]
            {
                pair.Value.Granted,
                pair.Value.Budget.PermitIntervalMilliseconds.ToString("R", CultureInfo.InvariantCulture),
                pair.Value.Budget.Burst,
            }).ToArray();
            long[] waits;
            try
            {
                waits = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(BucketScript, keys, arguments).ConfigureAwait(false))!;
                Recovered();
            }
            catch (Exception error) when (RedisFailure.Is(error))
            {
                Failed(error);
                return;
            }
            var now = clock.GetUtcNow();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (waits[i] > 0) _refusedUntil[chunk[i].Key] = now.AddMilliseconds(waits[i]);
                else _refusedUntil.TryRemove(chunk[i].Key, out _);
            }
        }
        // Refusals that ran out are dropped here too, so keys seen once cost no lasting memory.
        var expired = clock.GetUtcNow();
        foreach (var (key, until) in _refusedUntil)
            if (until <= expired) _refusedUntil.TryRemove(key, out _);
    }

    private void Failed(Exception error)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0) LogFallingBack(error);
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1) LogRecovered();
    }

    [LoggerMessage(EventId = 920, Level = LogLevel.Warning, Message = "Redis does not answer: rate limits are counted per node until it does")]
    private partial void LogFallingBack(Exception error);

    [LoggerMessage(EventId = 921, Level = LogLevel.Information, Message = "Redis answers again: rate limits are counted over the cluster")]
    private partial void LogRecovered();
}
