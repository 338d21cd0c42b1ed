using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>One node without Redis: its own connections are everyone's, so every local change is a cluster change.</summary>
internal sealed class InMemoryPresence : IClusterPresence
{
    private readonly NodePresence _node = new();

    public ValueTask<bool> ArrivedAsync(string twinSpaceId, ConnectionMember member, CancellationToken cancellationToken = default)
    {
        _node.Add(twinSpaceId, member.AccountId, member.DisplayName);
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> DepartedAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default)
    {
        _node.Remove(twinSpaceId, accountId);
        return ValueTask.FromResult(true);
    }

    public ValueTask<IReadOnlySet<string>> OnlineAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_node.In(twinSpaceId));

    // Without Redis the nodes are this process (tests run several in one): none can die without this one.
    public ValueTask<bool> IsNodeAliveAsync(string nodeId, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);
}
