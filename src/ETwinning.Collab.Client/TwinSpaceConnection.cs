using System.Text.Json;
using System.Text.Json.Serialization;
using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.Client;

/// <summary>
/// A typed client for <c>/hubs/twinspace</c>: one connection, methods named as in docs/protocol.md, events as
/// .NET events, failures as <see cref="CollabHubException"/>. Joined TwinSpaces are joined again after a reconnect.
/// </summary>
public sealed partial class TwinSpaceConnection : IAsyncDisposable
{
    private readonly HashSet<string> _joined = [];
    private readonly Lock _gate = new();
    private string? _language;

    /// <summary>
    /// Creates (does not start) a connection to <paramref name="serverUrl"/>. With <paramref name="language"/>
    /// ("de", "fr", ...) the server writes error messages in that language; codes are the same in every language.
    /// With <paramref name="skipNegotiation"/> the client opens a WebSocket at once, without the negotiate request:
    /// behind a load balancer without sticky sessions that is required, since the negotiate request and the
    /// WebSocket could otherwise reach different nodes.
    /// </summary>
    public TwinSpaceConnection(Uri serverUrl, Func<Task<string?>> accessToken, bool useMessagePack = false, string? language = null,
        bool skipNegotiation = false)
    {
        var hubUrl = new Uri(serverUrl, HubNames.TwinSpaceHubPath);
        if (!string.IsNullOrEmpty(language))
            hubUrl = new Uri($"{hubUrl}?lang={Uri.EscapeDataString(language)}");
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.AccessTokenProvider = accessToken;
                if (!skipNegotiation) return;
                options.SkipNegotiation = true;
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect();
        builder = useMessagePack
            ? builder.AddMessagePackProtocol()
            : builder.AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            });
        Hub = builder.Build();
        Hub.On<PresenceEvent>(HubNames.PresenceChanged, e => PresenceChanged?.Invoke(e));
        Hub.On<MemberChangedEvent>(HubNames.MemberChanged, e => MemberChanged?.Invoke(e));
        Hub.On<TwinSpaceView>(HubNames.TwinSpaceChanged, e => TwinSpaceChanged?.Invoke(e));
        Hub.On<AccessRevokedEvent>(HubNames.AccessRevoked, e =>
        {
            lock (_gate) _joined.Remove(e.TwinSpaceId);
            AccessRevoked?.Invoke(e);
        });
        RegisterMaterialEvents();
        Hub.Reconnected += RejoinAsync;
        RegisterTeamEvents();
        RegisterChatEvents();
        RegisterPageEvents();
        RegisterForumEvents();
        RegisterUpdateEvents();
        RegisterRoomEvents();
        RegisterRoomMediaEvents();
        RegisterLiveEventMediaEvents();
        RegisterLiveEventEvents();
    }

    /// <summary>The underlying SignalR connection, for features this class does not wrap yet.</summary>
    public HubConnection Hub { get; }

    /// <summary>A member came online or went offline.</summary>
    public event Action<PresenceEvent>? PresenceChanged;

    /// <summary>A member joined, changed or left.</summary>
    public event Action<MemberChangedEvent>? MemberChanged;

    /// <summary>A TwinSpace was renamed, archived or closed.</summary>
    public event Action<TwinSpaceView>? TwinSpaceChanged;

    /// <summary>This account lost access to a TwinSpace.</summary>
    public event Action<AccessRevokedEvent>? AccessRevoked;

    /// <summary>Opens the connection.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Hub.StartAsync(cancellationToken);

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync() => await Hub.DisposeAsync().ConfigureAwait(false);

    /// <summary>Invokes a hub method, turning hub errors into <see cref="CollabHubException"/>.</summary>
    public async Task<T> InvokeAsync<T>(string method, params object?[] args)
    {
        try { return await Hub.InvokeCoreAsync<T>(method, args).ConfigureAwait(false); }
        catch (HubException error) { throw CollabHubException.FromHubMessage(error.Message); }
    }

    /// <summary>Invokes a hub method that returns nothing.</summary>
    public async Task InvokeAsync(string method, params object?[] args)
    {
        try { await Hub.InvokeCoreAsync(method, args).ConfigureAwait(false); }
        catch (HubException error) { throw CollabHubException.FromHubMessage(error.Message); }
    }

    /// <summary>
    /// Asks for error messages in <paramref name="language"/> ("de", "pt-BR", ...) from now on; returns the language the
    /// server chose. Kept across reconnects. Unknown languages fail with <c>invalid</c> and change nothing.
    /// </summary>
    public async Task<string> SetLanguageAsync(string language)
    {
        var chosen = await InvokeAsync<string>("SetLanguage", language).ConfigureAwait(false);
        lock (_gate) _language = chosen;
        return chosen;
    }

    private async Task RejoinAsync(string? connectionId)
    {
        // A reconnect is a new connection on the server: it starts with the language of the URL again.
        string? language;
        lock (_gate) language = _language;
        if (language is not null)
        {
            try { await InvokeAsync<string>("SetLanguage", language).ConfigureAwait(false); }
            catch (CollabHubException) { lock (_gate) _language = null; }
        }
        string[] twinSpaces;
        lock (_gate) twinSpaces = [.. _joined];
        foreach (var twinSpaceId in twinSpaces)
        {
            try { await JoinTwinSpaceAsync(twinSpaceId).ConfigureAwait(false); }
            catch (CollabHubException) { lock (_gate) _joined.Remove(twinSpaceId); }
        }
    }
}
