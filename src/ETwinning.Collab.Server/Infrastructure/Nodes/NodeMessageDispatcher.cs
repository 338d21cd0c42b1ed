using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Metrics;

namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>
/// Hands envelopes from other nodes to this node's handlers. A message this node sent itself, of a type no
/// handler declared, or that does not parse is dropped (logged); a failing handler does not stop the others.
/// </summary>
public sealed partial class NodeMessageDispatcher
{
    private readonly string _nodeId;
    private readonly Dictionary<string, (Type Type, INodeMessageHandler[] Handlers)> _routes;
    private readonly ILogger<NodeMessageDispatcher> _logger;
    private readonly TimeProvider _clock;

    public NodeMessageDispatcher(NodeIdentity node, IEnumerable<INodeMessageHandler> handlers, ILogger<NodeMessageDispatcher> logger, TimeProvider? clock = null)
    {
        _nodeId = node.Id;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _routes = handlers.GroupBy(handler => handler.MessageType)
            .ToDictionary(group => NodeEnvelope.NameOf(group.Key), group => (group.Key, group.ToArray()));
    }

    public async Task DispatchAsync(ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        if (!NodeEnvelope.TryDecode(envelope, out var name, out var fromNode, out var sentAt, out var payload))
        {
            LogMalformed();
            return;
        }
        if (fromNode == _nodeId || !_routes.TryGetValue(name, out var route)) return;
        // Across machines this includes their clock difference (keep nodes on NTP); a negative lag is clock skew, recorded as 0.
        CollabMetrics.RelayLag.Record(Math.Max(0, _clock.GetUtcNow().ToUnixTimeMilliseconds() - sentAt) / 1000.0, new KeyValuePair<string, object?>("message", name));
        object? message;
        try { message = NodeEnvelope.Deserialize(payload, route.Type); }
        catch (JsonException error)
        {
            LogUnreadable(error, name);
            return;
        }
        if (message is null) return;
        var context = new NodeMessageContext(fromNode);
        foreach (var handler in route.Handlers)
        {
            try { await handler.HandleAsync(message, context, cancellationToken).ConfigureAwait(false); }
            catch (Exception error) when (error is not OperationCanceledException) { LogHandlerFailed(error, name); }
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Dropped a malformed node message")]
    private partial void LogMalformed();

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Dropped an unreadable node message of type {Name}")]
    private partial void LogUnreadable(Exception error, string name);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Handling a node message of type {Name} failed")]
    private partial void LogHandlerFailed(Exception error, string name);
}
