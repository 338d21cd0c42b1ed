using System.Collections.Concurrent;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// One-shot timers that call breakout groups back when their time is up, on the node that opened them (with the
/// injected <see cref="TimeProvider"/>, so tests move time instead of waiting). Losing a timer (the node stops) is
/// safe: every command on the session closes groups whose time has passed first.
/// </summary>
public sealed partial class BreakoutTimers(TimeProvider clock, ILogger<BreakoutTimers> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    public void Schedule(string roundId, DateTime dueUtc, Func<Task> callBack)
    {
        var due = dueUtc - clock.GetUtcNow().UtcDateTime;
        var timer = clock.CreateTimer(_ => _ = FireAsync(roundId, callBack), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (!_timers.TryAdd(roundId, timer)) timer.Dispose();
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values) timer.Dispose();
        _timers.Clear();
    }

    private async Task FireAsync(string roundId, Func<Task> callBack)
    {
        if (_timers.TryRemove(roundId, out var timer)) await timer.DisposeAsync().ConfigureAwait(false);
        try { await callBack().ConfigureAwait(false); }
        catch (Exception error) { LogCallBackFailed(error, roundId); }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Breakout groups {RoundId} could not be called back when their time was up; the next command on the session does it")]
    private partial void LogCallBackFailed(Exception error, string roundId);
}
