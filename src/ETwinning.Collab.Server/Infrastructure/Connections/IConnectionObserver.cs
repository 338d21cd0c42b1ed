namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>
/// A feature's hook into the connection lifecycle, registered in DI with <c>AddConnectionObserver</c>. The
/// registry calls the observers of a scope's kind after it recorded the change, outside its lock, on the node that
/// holds the connection. Features never hear about connections from the hub by name.
/// </summary>
public interface IConnectionObserver
{
    /// <summary>The kind of scope this observer follows.</summary>
    ScopeKind Kind { get; }

    ValueTask OnJoinedAsync(ScopeChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Left, disconnected or evicted; <see cref="OnEvictedAsync"/> comes here unless an observer needs to tell them apart.</summary>
    ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask OnEvictedAsync(ScopeChange change, CancellationToken cancellationToken) => OnLeftAsync(change, LeaveReason.Evicted, cancellationToken);
}
