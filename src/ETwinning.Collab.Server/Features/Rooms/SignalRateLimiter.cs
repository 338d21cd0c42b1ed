using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// At most <see cref="RoomsOptions.MaxSignalsPerSecond"/> signalling messages per connection in any one-second
/// window. Per node is exact here: a connection lives on one node, and so do its signals.
/// </summary>
public sealed class SignalRateLimiter(IOptions<RoomsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly int _limit = options.Value.MaxSignalsPerSecond;
    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    /// <summary>Counts one signal; false when the connection is over its limit (the signal is dropped).</summary>
    public bool TryAcquire(string connectionId)
    {
        var now = clock.GetUtcNow();
        var counter = _counters.GetOrAdd(connectionId, _ => new Counter());
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }
            return ++counter.Count <= _limit;
        }
    }

    /// <summary>Forgets a connection that left its session.</summary>
    public void Forget(string connectionId) => _counters.TryRemove(connectionId, out _);

    private sealed class Counter
    {
        public DateTimeOffset WindowStart;
        public int Count;
    }
}
