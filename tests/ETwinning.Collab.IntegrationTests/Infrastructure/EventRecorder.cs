using System.Collections.Concurrent;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

/// <summary>Records events of one kind and lets a test await the first one that matches.</summary>
public sealed class EventRecorder<T>
{
    private readonly ConcurrentQueue<T> _seen = new();
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Completion)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<T> Seen => _seen;

    public void Record(T item)
    {
        _seen.Enqueue(item);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                waiter.Completion.TrySetResult(item);
                _waiters.Remove(waiter);
            }
        }
    }

    public Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        lock (_gate)
        {
            // Not FirstOrDefault: for a value type (EventRecorder<int>) its default "matched" every time, so waits
            // for a count returned at once and the tests raced on (ChatRecoveryTests, ForumRecoveryTests).
            foreach (var already in _seen)
                if (match(already)) return Task.FromResult(already);
            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, completion));
            return completion.Task.WithTimeout(timeout);
        }
    }
}
