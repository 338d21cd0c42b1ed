namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>Session states of a single node (no Redis configured): a dictionary under one lock.</summary>
public sealed class InMemoryRoomSessionStates : IRoomSessionStates
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string TwinSpaceId, string RoomId), RoomSessionState> _states = [];

    public ValueTask<RoomSessionState?> FindAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return ValueTask.FromResult(_states.GetValueOrDefault((twinSpaceId, roomId)));
    }

    public Task<bool> TryAddAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_states.TryAdd((state.TwinSpaceId, state.RoomId), state));
    }

    public Task<bool> TryReplaceAsync(RoomSessionState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (state.TwinSpaceId, state.RoomId);
            if (!_states.TryGetValue(key, out var current) || current.Version != expectedVersion) return Task.FromResult(false);
            _states[key] = state;
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRemoveAsync(string twinSpaceId, string roomId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_states.TryGetValue((twinSpaceId, roomId), out var current) || current.Version != expectedVersion) return Task.FromResult(false);
            return Task.FromResult(_states.Remove((twinSpaceId, roomId)));
        }
    }
}
