using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Records attendance as connections enter and leave an event's scope (one stretch per connection): what the attendance
/// report adds up, and (counted on the event in the same write) whether a supervising teacher is present, on every node.
/// When the first supervisor comes or the last goes, the lobby hears it so waiting pupils ask again.
/// </summary>
internal sealed class LiveAttendanceObserver(
    ILiveEventStore store, ITwinSpaceStore twinSpaces, ILiveEventNotifier notifier, NodeIdentity node, TimeProvider clock)
    : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.LiveEvent;

    public async ValueTask OnJoinedAsync(ScopeChange change, CancellationToken cancellationToken)
    {
        var supervises = await SupervisesAsync(change, cancellationToken).ConfigureAwait(false);
        var after = await store.AddAttendanceAsync(change.Scope.TwinSpaceId, new LiveAttendance
        {
            Id = StretchId(change),
            EventId = change.Scope.ResourceId,
            AccountId = change.Connection.AccountId,
            DisplayName = change.Connection.DisplayName,
            Supervises = supervises,
            NodeId = node.Id,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken).ConfigureAwait(false);
        // Only the first supervisor in changes anything for the lobby; more teachers entering tell nobody.
        if (supervises && after is { SupervisorsPresent: 1 }) await TellLobbyAsync(after).ConfigureAwait(false);
    }

    public async ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken)
    {
        var after = await store.EndAttendanceAsync(change.Scope.TwinSpaceId, StretchId(change), clock.GetUtcNow().UtcDateTime, cancellationToken)
            .ConfigureAwait(false);
        if (after is { SupervisorsPresent: 0 } && await SupervisesAsync(change, cancellationToken).ConfigureAwait(false))
            await TellLobbyAsync(after).ConfigureAwait(false);
    }

    private async Task<bool> SupervisesAsync(ScopeChange change, CancellationToken cancellationToken) =>
        await twinSpaces.FindMembershipAsync(change.Scope.TwinSpaceId, change.Connection.AccountId, cancellationToken).ConfigureAwait(false) is { } membership
        && PermissionMatrix.Allows(membership.Role, TwinSpaceAction.SuperviseLiveEvents);

    private Task TellLobbyAsync(LiveEvent liveEvent) =>
        notifier.LobbyChangedAsync(new(liveEvent.TwinSpaceId, liveEvent.Id, liveEvent.State, LiveEventAccess.SupervisorPresent(liveEvent)));

    private static string StretchId(ScopeChange change) => $"{change.Scope.ResourceId}:{change.Connection.ConnectionId}";
}
