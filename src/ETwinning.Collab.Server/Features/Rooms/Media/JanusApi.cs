using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms.Media;

/// <summary>
/// Janus's HTTP API for one node: one Janus session per node (handles for every participant on this node live in
/// it), kept alive with keep-alives, and one long poll that brings Janus's events. A request that Janus answers
/// asynchronously ("ack", then an event with the same transaction) completes when the long poll brings that event.
/// When Janus forgets the session (it restarted, or the session timed out) the next call opens a new one, and
/// <see cref="SessionLost"/> tells the owner that every handle of the old one is gone.
/// </summary>
internal sealed partial class JanusApi(HttpClient http, IOptions<JanusOptions> options, TimeProvider clock, ILogger<JanusApi> logger) : IAsyncDisposable
{
    public const string VideoRoomPlugin = "janus.plugin.videoroom";
    public const string HttpClientName = "janus";

    private readonly JanusOptions _options = options.Value;
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _tokenLock = new();
    private Session? _session;
    private (string Token, DateTimeOffset RenewAt)? _token;

    /// <summary>Janus forgot this session: every handle in it is gone.</summary>
    public event Action<long>? SessionLost;

    /// <summary>A handle's PeerConnection is up (ICE and DTLS done): for a publisher, its feed can be subscribed to now.</summary>
    public event Action<long>? WebRtcUp;

    public async Task<JanusHandle> AttachAsync(CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var reply = await PostAsync($"/{session.Id}", new JsonObject { ["janus"] = "attach", ["plugin"] = VideoRoomPlugin }, null, cancellationToken).ConfigureAwait(false);
        return new JanusHandle(session.Id, reply.GetProperty("data").GetProperty("id").GetInt64());
    }

    public async Task DetachAsync(JanusHandle handle, CancellationToken cancellationToken) =>
        await PostAsync(Path(handle), new JsonObject { ["janus"] = "detach" }, null, cancellationToken).ConfigureAwait(false);

    /// <summary>A plugin request Janus answers at once (create, destroy, allowed, listparticipants): the plugin's data.</summary>
    public async Task<JsonElement> RequestAsync(JanusHandle handle, JsonObject body, CancellationToken cancellationToken)
    {
        var reply = await PostAsync(Path(handle), new JsonObject { ["janus"] = "message", ["body"] = body }, null, cancellationToken).ConfigureAwait(false);
        return PluginData(reply);
    }

    /// <summary>A plugin request answered by an event (join, publish, start): the event's plugin data and SDP, if any.</summary>
    public async Task<(JsonElement Data, string? Sdp)> MessageAsync(JanusHandle handle, JsonObject body, string? sdpType, string? sdp, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (sdp is not null) message["jsep"] = new JsonObject { ["type"] = sdpType, ["sdp"] = sdp };
        var transaction = NewTransaction();
        var answered = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[transaction] = answered;
        try
        {
            var reply = await PostAsync(Path(handle), message, transaction, cancellationToken).ConfigureAwait(false);
            if (reply.GetProperty("janus").GetString() == "ack")
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
                try
                {
                    reply = await answered.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new JanusException(JanusException.Unreachable, "no event answered the request in time");
                }
            }
            var data = PluginData(reply);
            var jsep = reply.TryGetProperty("jsep", out var j) && j.TryGetProperty("sdp", out var s) ? s.GetString() : null;
            return (data, jsep);
        }
        finally
        {
            _pending.TryRemove(transaction, out _);
        }
    }

    /// <summary>An ICE candidate for the handle's PeerConnection, or (null) the end of candidates.</summary>
    public async Task TrickleAsync(JanusHandle handle, MediaCandidate? candidate, CancellationToken cancellationToken)
    {
        JsonObject value = candidate is null
            ? new JsonObject { ["completed"] = true }
            : new JsonObject { ["candidate"] = candidate.Candidate, ["sdpMid"] = candidate.SdpMid, ["sdpMLineIndex"] = candidate.SdpMLineIndex };
        await PostAsync(Path(handle), new JsonObject { ["janus"] = "trickle", ["candidate"] = value }, null, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_session is { } session)
        {
            await session.Stop.CancelAsync().ConfigureAwait(false);
            // A courtesy: Janus frees the handles now instead of after its session timeout.
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
                await SendAsync($"/{session.Id}", new JsonObject { ["janus"] = "destroy" }, NewTransaction(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is JanusException or OperationCanceledException)
            {
                Log.SessionNotDestroyed(logger, failure.Message);
            }
            session.Stop.Dispose();
        }
        _disposed.Dispose();
        _sessionGate.Dispose();
    }

    private async Task<Session> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { } current) return current;
        await _sessionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is { } raced) return raced;
            var reply = await PostAsync("", new JsonObject { ["janus"] = "create" }, null, cancellationToken).ConfigureAwait(false);
            var session = new Session(reply.GetProperty("data").GetProperty("id").GetInt64(), CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token));
            _session = session;
            _ = Task.Run(() => PollAsync(session), CancellationToken.None);
            _ = Task.Run(() => KeepAliveAsync(session), CancellationToken.None);
            Log.SessionOpened(logger, session.Id);
            return session;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    /// <summary>Brings Janus's events; answers of asynchronous requests complete their callers, the rest is not needed.</summary>
    private async Task PollAsync(Session session)
    {
        while (!session.Stop.IsCancellationRequested)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(session.Stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.LongPollSeconds));
                var query = $"?maxev={_options.LongPollMaxEvents.ToString(CultureInfo.InvariantCulture)}{Credentials()}";
                using var response = await http.GetAsync($"{_options.Url.TrimEnd('/')}/{session.Id}{query}", timeout.Token).ConfigureAwait(false);
                using var events = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false),
                    cancellationToken: timeout.Token).ConfigureAwait(false);
                foreach (var item in events.RootElement.ValueKind == JsonValueKind.Array ? events.RootElement.EnumerateArray() : Single(events.RootElement))
                    Deliver(session, item.Clone());
            }
            catch (OperationCanceledException) when (session.Stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is HttpRequestException or JsonException or OperationCanceledException)
            {
                Log.PollFailed(logger, session.Id, failure.Message);
                await WaitAsync(TimeSpan.FromSeconds(1), session.Stop.Token).ConfigureAwait(false);
            }
        }
    }

    private void Deliver(Session session, JsonElement item)
    {
        if (item.TryGetProperty("janus", out var kind) && kind.GetString() == "error" && ErrorOf(item).Code == JanusException.NoSuchSession)
        {
            Lose(session);
            return;
        }
        if (item.TryGetProperty("transaction", out var transaction) && transaction.GetString() is { } id && _pending.TryRemove(id, out var waiting))
            waiting.TrySetResult(item);
        else if (kind.ValueKind == JsonValueKind.String && kind.GetString() == "webrtcup" && item.TryGetProperty("sender", out var sender))
            WebRtcUp?.Invoke(sender.GetInt64());
    }

    private async Task KeepAliveAsync(Session session)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.KeepAliveSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(session.Stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await PostAsync($"/{session.Id}", new JsonObject { ["janus"] = "keepalive" }, null, session.Stop.Token).ConfigureAwait(false);
                }
                catch (JanusException failure)
                {
                    Log.KeepAliveFailed(logger, session.Id, failure.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended or the node stops.
        }
    }

    private void Lose(Session session)
    {
        if (Interlocked.CompareExchange(ref _session, null, session) != session) return;
        session.Stop.Cancel();
        Log.SessionLost(logger, session.Id);
        foreach (var waiting in _pending.Values) waiting.TrySetException(new JanusException(JanusException.NoSuchSession, "the Janus session was lost"));
        SessionLost?.Invoke(session.Id);
    }

    private async Task<JsonElement> PostAsync(string path, JsonObject message, string? transaction, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(path, message, transaction ?? NewTransaction(), cancellationToken).ConfigureAwait(false);
        if (reply.GetProperty("janus").GetString() != "error") return reply;
        var error = ErrorOf(reply);
        if (error.Code == JanusException.NoSuchSession && _session is { } session && path.StartsWith($"/{session.Id}", StringComparison.Ordinal)) Lose(session);
        throw error;
    }

    private async Task<JsonElement> SendAsync(string path, JsonObject message, string transaction, CancellationToken cancellationToken)
    {
        message["transaction"] = transaction;
        if (_options.TokenAuthSecret.Length > 0) message["token"] = Token();
        if (_options.ApiSecret.Length > 0) message["apisecret"] = _options.ApiSecret;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            using var response = await http.PostAsJsonAsync(_options.Url.TrimEnd('/') + path, message, timeout.Token).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && failure is HttpRequestException or JsonException or OperationCanceledException)
        {
            throw new JanusException(JanusException.Unreachable, failure.Message, failure);
        }
    }

    private static JsonElement PluginData(JsonElement reply)
    {
        if (!reply.TryGetProperty("plugindata", out var plugin) || !plugin.TryGetProperty("data", out var data))
            throw new JanusException(JanusException.Unreachable, "an answer without plugin data");
        if (data.TryGetProperty("error_code", out var code))
            throw new JanusException(code.GetInt32(), data.TryGetProperty("error", out var reason) ? reason.GetString() ?? "" : "");
        return data;
    }

    private static JanusException ErrorOf(JsonElement reply) =>
        reply.TryGetProperty("error", out var error)
            ? new JanusException(error.GetProperty("code").GetInt32(), error.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "")
            : new JanusException(JanusException.Unreachable, "an error without details");

    private string Credentials()
    {
        var query = "";
        if (_options.TokenAuthSecret.Length > 0) query += "&token=" + Uri.EscapeDataString(Token());
        if (_options.ApiSecret.Length > 0) query += "&apisecret=" + Uri.EscapeDataString(_options.ApiSecret);
        return query;
    }

    private string Token()
    {
        var now = clock.GetUtcNow();
        lock (_tokenLock)
        {
            if (_token is { } token && now < token.RenewAt) return token.Token;
            var lifetime = TimeSpan.FromSeconds(_options.TokenLifetimeSeconds);
            _token = (JanusSecrets.CoreToken(_options.TokenAuthSecret, now + lifetime), now + lifetime / 2);
            return _token.Value.Token;
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static IEnumerable<JsonElement> Single(JsonElement element) => [element];

    private static string Path(JanusHandle handle) => $"/{handle.SessionId}/{handle.Id}";

    private static string NewTransaction() => Guid.NewGuid().ToString("N");

    private sealed record Session(long Id, CancellationTokenSource Stop);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened Janus session {SessionId}")]
        public static partial void SessionOpened(ILogger logger, long sessionId);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Janus forgot session {SessionId}; its handles are gone, a new session opens on the next call")]
        public static partial void SessionLost(ILogger logger, long sessionId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Polling Janus events of session {SessionId} failed: {Reason}")]
        public static partial void PollFailed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Keep-alive of Janus session {SessionId} failed: {Reason}")]
        public static partial void KeepAliveFailed(ILogger logger, long sessionId, string reason);

        [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Janus session not destroyed at shutdown: {Reason}")]
        public static partial void SessionNotDestroyed(ILogger logger, string reason);
    }
}
