using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// <see cref="IMediaServer"/> on Janus 1.1's VideoRoom plugin. Each session's room is created with a secret (to
/// manage it), a pin and an allowed list (to enter it), all derived by <see cref="JanusSecrets"/>, and is private
/// (not listed). A participant is added to the allowed list when they first publish or subscribe, after the session
/// service checked they are a participant; Janus refuses anyone else, so even a client that reached Janus's API could
/// not enter the room. Publishing is one handle per connection, each subscription one more (Janus's multistream
/// subscriber with one feed, so a feed that ends ends only its own connection).
/// </summary>
internal sealed partial class JanusMediaServer : IMediaServer, IDisposable
{
    private readonly JanusApi _api;
    private readonly JanusOptions _options;
    private readonly JanusSecrets _secrets;
    private readonly ILogger<JanusMediaServer> _logger;
    private readonly ConcurrentDictionary<string, ConnectionHandles> _connections = new();
    private readonly ConcurrentDictionary<long, (MediaRoom Room, string AccountId)> _publications = new();
    private readonly SemaphoreSlim _controlGate = new(1, 1);
    private JanusHandle? _control;

    public JanusMediaServer(JanusApi api, IOptions<JanusOptions> options, ILogger<JanusMediaServer> logger)
    {
        _api = api;
        _options = options.Value;
        _secrets = new JanusSecrets(_options.RoomKey);
        _logger = logger;
        _api.SessionLost += OnSessionLost;
        _api.WebRtcUp += OnWebRtcUp;
    }

    public event Action<MediaRoom, string>? FeedStarted;

    public void Dispose()
    {
        _api.SessionLost -= OnSessionLost;
        _api.WebRtcUp -= OnWebRtcUp;
        _controlGate.Dispose();
    }

    public Task OpenRoomAsync(MediaRoom room, CancellationToken cancellationToken = default) =>
        GuardAsync("open a room", async () =>
        {
            await CreateRoomAsync(await ControlAsync(cancellationToken).ConfigureAwait(false), room, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default) =>
        GuardAsync("close a room", async () =>
        {
            try
            {
                await _api.RequestAsync(await ControlAsync(cancellationToken).ConfigureAwait(false), new JsonObject
                {
                    ["request"] = "destroy", ["room"] = _secrets.RoomId(room.Key), ["secret"] = _secrets.RoomSecret(room.Key),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException gone) when (gone.Code == JanusException.NoSuchRoom)
            {
                // Closed already (another node, or Janus restarted and forgot it).
            }
            return true;
        });

    public Task<string> PublishAsync(MediaRoom room, MediaParticipant publisher, string offerSdp, CancellationToken cancellationToken = default) =>
        GuardAsync("publish", async () =>
        {
            await AllowAsync(room, publisher.AccountId, cancellationToken).ConfigureAwait(false);
            var handles = Handles(publisher.ConnectionId);
            var handle = await ReplaceAsync(handles, null, cancellationToken).ConfigureAwait(false);
            _publications[handle.Id] = (room, publisher.AccountId);
            var join = () => new JsonObject
            {
                ["request"] = "joinandconfigure", ["ptype"] = "publisher", ["room"] = _secrets.RoomId(room.Key),
                ["id"] = _secrets.FeedId(room, publisher), ["display"] = publisher.AccountId,
                ["pin"] = _secrets.RoomPin(room.Key), ["token"] = _secrets.ParticipantToken(room.Key, publisher.AccountId),
            };
            string? answer;
            try
            {
                (_, answer) = await _api.MessageAsync(handle, join(), "offer", offerSdp, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException taken) when (taken.Code == JanusException.FeedExists && room.FeedPerAccount)
            {
                // One feed per account: the account's newest publication (a reload, another tab, maybe on another node) replaces the older one.
                // The refused handle took the offer's ICE already, so the second try gets a fresh one.
                await KickAsync(room, publisher, cancellationToken).ConfigureAwait(false);
                handle = await ReplaceAsync(handles, null, cancellationToken).ConfigureAwait(false);
                _publications[handle.Id] = (room, publisher.AccountId);
                (_, answer) = await _api.MessageAsync(handle, join(), "offer", offerSdp, cancellationToken).ConfigureAwait(false);
            }
            return answer ?? throw new JanusException(JanusException.Unreachable, "the publisher's answer had no SDP");
        });

    public Task<string> SubscribeAsync(MediaRoom room, MediaParticipant subscriber, MediaParticipant feed, CancellationToken cancellationToken = default) =>
        GuardAsync("subscribe", async () =>
        {
            await AllowAsync(room, subscriber.AccountId, cancellationToken).ConfigureAwait(false);
            var handles = Handles(subscriber.ConnectionId);
            handles.Owner = (room, subscriber.AccountId);
            var handle = await ReplaceAsync(handles, feed.AccountId, cancellationToken).ConfigureAwait(false);
            var (_, offer) = await _api.MessageAsync(handle, new JsonObject
            {
                ["request"] = "join", ["ptype"] = "subscriber", ["room"] = _secrets.RoomId(room.Key),
                ["streams"] = new JsonArray(new JsonObject { ["feed"] = _secrets.FeedId(room, feed) }),
                ["pin"] = _secrets.RoomPin(room.Key), ["token"] = _secrets.ParticipantToken(room.Key, subscriber.AccountId),
            }, null, null, cancellationToken).ConfigureAwait(false);
            return offer ?? throw new JanusException(JanusException.Unreachable, "the subscription's offer had no SDP");
        });

    public Task AnswerAsync(MediaRoom room, MediaParticipant subscriber, string feedAccountId, string answerSdp, CancellationToken cancellationToken = default) =>
        GuardAsync("start a subscription", async () =>
        {
            var handle = Existing(subscriber.ConnectionId, feedAccountId);
            await _api.MessageAsync(handle, new JsonObject { ["request"] = "start" }, "answer", answerSdp, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task TrickleAsync(MediaRoom room, MediaParticipant participant, string? feedAccountId, MediaCandidate? candidate, CancellationToken cancellationToken = default) =>
        GuardAsync("trickle", async () =>
        {
            await _api.TrickleAsync(Existing(participant.ConnectionId, feedAccountId), candidate, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<IReadOnlyList<string>> PublishersAsync(MediaRoom room, CancellationToken cancellationToken = default) =>
        GuardAsync<IReadOnlyList<string>>("list publishers", async () =>
        {
            JsonElement data;
            try
            {
                data = await _api.RequestAsync(await ControlAsync(cancellationToken).ConfigureAwait(false),
                    new JsonObject { ["request"] = "listparticipants", ["room"] = _secrets.RoomId(room.Key) }, cancellationToken).ConfigureAwait(false);
            }
            catch (JanusException gone) when (gone.Code == JanusException.NoSuchRoom)
            {
                return [];
            }
            return data.GetProperty("participants").EnumerateArray()
                .Where(p => p.TryGetProperty("publisher", out var publishing) && publishing.GetBoolean())
                .Select(p => p.TryGetProperty("display", out var display) ? display.GetString() : null)
                .OfType<string>().Distinct().ToList();
        });

    public async Task EndSubscriptionsAsync(MediaRoom room, Func<string, string, bool> mayWatch, CancellationToken cancellationToken = default)
    {
        foreach (var handles in _connections.Values)
        {
            if (handles.Owner is not { } owner || owner.Room.Key != room.Key) continue;
            foreach (var handle in handles.RemoveSubscriptions(feed => !mayWatch(owner.AccountId, feed)))
                await DetachAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task LeaveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryRemove(connectionId, out var handles)) return;
        foreach (var handle in handles.All())
        {
            _publications.TryRemove(handle.Id, out _);
            await DetachAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DetachAsync(JanusHandle handle, CancellationToken cancellationToken)
    {
        try
        {
            await _api.DetachAsync(handle, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException failure)
        {
            // Janus frees the handle with its session anyway; nobody of ours uses it any more.
            Log.DetachFailed(_logger, failure.Code, failure.Reason);
        }
    }

    private async Task CreateRoomAsync(JanusHandle control, MediaRoom room, CancellationToken cancellationToken)
    {
        var create = new JsonObject
        {
            ["request"] = "create", ["room"] = _secrets.RoomId(room.Key), ["description"] = $"{room.Scope} {room.SessionId}",
            ["secret"] = _secrets.RoomSecret(room.Key), ["pin"] = _secrets.RoomPin(room.Key),
            ["is_private"] = true, ["allowed"] = new JsonArray(), ["publishers"] = room.Capacity,
            ["bitrate"] = _options.PublisherBitrateBitsPerSecond, ["permanent"] = false,
        };
        if (_options.AdminKey.Length > 0) create["admin_key"] = _options.AdminKey;
        try
        {
            await _api.RequestAsync(control, create, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException exists) when (exists.Code == JanusException.RoomExists)
        {
            // Another node made it, or we retry after a failure: the room is what we want either way.
        }
    }

    private async Task KickAsync(MediaRoom room, MediaParticipant publisher, CancellationToken cancellationToken)
    {
        try
        {
            await _api.RequestAsync(await ControlAsync(cancellationToken).ConfigureAwait(false), new JsonObject
            {
                ["request"] = "kick", ["room"] = _secrets.RoomId(room.Key), ["secret"] = _secrets.RoomSecret(room.Key), ["id"] = _secrets.FeedId(room, publisher),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException gone) when (gone.Code == JanusException.NoSuchFeed)
        {
            // It left between the refusal and the kick.
        }
    }

    /// <summary>Puts the participant's token on the room's allowed list; makes the room again when Janus lost it (a restart).</summary>
    private async Task AllowAsync(MediaRoom room, string accountId, CancellationToken cancellationToken)
    {
        var control = await ControlAsync(cancellationToken).ConfigureAwait(false);
        var allow = () => new JsonObject
        {
            ["request"] = "allowed", ["room"] = _secrets.RoomId(room.Key), ["secret"] = _secrets.RoomSecret(room.Key),
            ["action"] = "add", ["allowed"] = new JsonArray(_secrets.ParticipantToken(room.Key, accountId)),
        };
        try
        {
            await _api.RequestAsync(control, allow(), cancellationToken).ConfigureAwait(false);
        }
        catch (JanusException gone) when (gone.Code == JanusException.NoSuchRoom)
        {
            await CreateRoomAsync(control, room, cancellationToken).ConfigureAwait(false);
            await _api.RequestAsync(control, allow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The handle rooms are managed with (one per node and Janus session).</summary>
    private async Task<JanusHandle> ControlAsync(CancellationToken cancellationToken)
    {
        if (_control is { } control) return control;
        await _controlGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _control ??= await _api.AttachAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _controlGate.Release();
        }
    }

    /// <summary>A fresh handle for the publication (<paramref name="feedAccountId"/> null) or the subscription, the old one detached.</summary>
    private async Task<JanusHandle> ReplaceAsync(ConnectionHandles handles, string? feedAccountId, CancellationToken cancellationToken)
    {
        var handle = await _api.AttachAsync(cancellationToken).ConfigureAwait(false);
        if (handles.Swap(feedAccountId, handle) is { } old)
        {
            _publications.TryRemove(old.Id, out _);
            await DetachAsync(old, cancellationToken).ConfigureAwait(false);
        }
        return handle;
    }

    private JanusHandle Existing(string connectionId, string? feedAccountId) =>
        _connections.TryGetValue(connectionId, out var handles) && handles.Find(feedAccountId) is { } handle
            ? handle
            : throw CollabException.NotFound(feedAccountId is null ? "Publish before sending its candidates." : "Subscribe to this feed first.")
                .WithKey(feedAccountId is null ? "Room_MediaPublishFirst" : "Room_MediaSubscribeFirst");

    private ConnectionHandles Handles(string connectionId) => _connections.GetOrAdd(connectionId, _ => new ConnectionHandles());

    private void OnWebRtcUp(long handleId)
    {
        if (_publications.TryGetValue(handleId, out var publication)) FeedStarted?.Invoke(publication.Room, publication.AccountId);
    }

    private void OnSessionLost(long sessionId)
    {
        _control = null;
        _publications.Clear();
        foreach (var (connectionId, handles) in _connections)
            if (handles.All().Any(h => h.SessionId == sessionId)) _connections.TryRemove(connectionId, out _);
    }

    /// <summary>Janus's refusals and outages become stable codes; the details go to the log only.</summary>
    private async Task<T> GuardAsync<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (JanusException failure) when (failure.Code == JanusException.NoSuchFeed)
        {
            throw CollabException.NotFound("That participant is not sending media now.").WithKey("Room_MediaNoFeed");
        }
        catch (JanusException failure)
        {
            Log.Failed(_logger, what, failure.Code, failure.Reason);
            throw new CollabException(ErrorCodes.MediaUnavailable, "The media server is not available; try again shortly.").WithKey("Room_MediaUnavailable");
        }
    }

    private Task<bool> GuardAsync(string what, Func<Task<bool>> action) => GuardAsync<bool>(what, action);

    /// <summary>The Janus handles of one connection: its publication and its subscriptions by feed account.</summary>
    private sealed class ConnectionHandles
    {
        private readonly Dictionary<string, JanusHandle> _subscriptions = [];
        private JanusHandle? _publication;

        /// <summary>The media room and account the connection subscribes in (set by its first subscription).</summary>
        public (MediaRoom Room, string AccountId)? Owner { get; set; }

        /// <summary>Takes out the subscriptions to the feeds <paramref name="ended"/> picks (by feed account).</summary>
        public List<JanusHandle> RemoveSubscriptions(Func<string, bool> ended)
        {
            lock (_subscriptions)
            {
                var removed = _subscriptions.Where(s => ended(s.Key)).ToList();
                foreach (var (feed, _) in removed) _subscriptions.Remove(feed);
                return [.. removed.Select(s => s.Value)];
            }
        }

        public JanusHandle? Swap(string? feedAccountId, JanusHandle handle)
        {
            lock (_subscriptions)
            {
                var old = Find(feedAccountId);
                if (feedAccountId is null) _publication = handle;
                else _subscriptions[feedAccountId] = handle;
                return old;
            }
        }

        public JanusHandle? Find(string? feedAccountId)
        {
            lock (_subscriptions)
                return feedAccountId is null ? _publication : _subscriptions.TryGetValue(feedAccountId, out var handle) ? handle : null;
        }

        public List<JanusHandle> All()
        {
            lock (_subscriptions)
                return [.. _subscriptions.Values, .. _publication is { } publication ? [publication] : Array.Empty<JanusHandle>()];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Janus refused or failed to {What}: {Code} {Reason}")]
        public static partial void Failed(ILogger logger, string what, int code, string reason);

        [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Detaching a Janus handle failed: {Code} {Reason}")]
        public static partial void DetachFailed(ILogger logger, int code, string reason);
    }
}
