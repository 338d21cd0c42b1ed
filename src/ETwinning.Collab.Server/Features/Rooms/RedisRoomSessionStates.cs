using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Session states shared by every node: one Redis hash per room, field <c>v</c> the version and <c>s</c> the state as
/// JSON. Compare-and-set is a Redis transaction conditioned on <c>v</c> (MULTI/EXEC with a server-side check), so a
/// change made on node A and one made on node B at the same moment cannot both land; the loser reads again. The key
/// expires <see cref="RoomsOptions.SessionStateLifetimeHours"/> after its last change, so a session no node is left
/// to end does not stay forever.
/// </summary>
public sealed class RedisRoomSessionStates(IConnectionMultiplexer redis, RedisOptions redisOptions, IOptions<RoomsOptions> options) : IRoomSessionStates
{
    private const string VersionField = "v";
    private const string StateField = "s";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeSpan _lifetime = TimeSpan.FromHours(options.Value.SessionStateLifetimeHours);

    public async ValueTask<RoomSessionState?> FindAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = await Database.HashGetAsync(Key(twinSpaceId, roomId), StateField).ConfigureAwait(false);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<RoomSessionState>((string)json!, Json);
    }

    public Task<bool> TryAddAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(state.TwinSpaceId, state.RoomId);
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(key));
        return CommitWriteAsync(transaction, key, state);
    }

    public Task<bool> TryReplaceAsync(RoomSessionState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(state.TwinSpaceId, state.RoomId);
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, VersionField, expectedVersion));
        return CommitWriteAsync(transaction, key, state);
    }

    public async Task<bool> TryRemoveAsync(string twinSpaceId, string roomId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(twinSpaceId, roomId);
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual(key, VersionField, expectedVersion));
        _ = transaction.KeyDeleteAsync(key);
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    private async Task<bool> CommitWriteAsync(ITransaction transaction, RedisKey key, RoomSessionState state)
    {
        _ = transaction.HashSetAsync(key, [new(VersionField, state.Version), new(StateField, JsonSerializer.Serialize(state, Json))]);
        _ = transaction.KeyExpireAsync(key, _lifetime);
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    private IDatabase Database => redis.GetDatabase();

    private RedisKey Key(string twinSpaceId, string roomId) => $"{redisOptions.ChannelPrefix}:room-session:{twinSpaceId}:{roomId}";
}
