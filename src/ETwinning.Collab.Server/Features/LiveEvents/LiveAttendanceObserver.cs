using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Records attendance as connections enter and leave an event's scope (one stretch per connection), which is what the
/// attendance report adds up and what tells, on every node, whether a supervising teacher is present. When a supervisor
/// comes or goes, the lobby hears it so waiting pupils ask again.
/// </summary>
internal sealed class LiveAttendanceObserver(ILiveEventStore store, ITwinSpaceStore twinSpaces, ILiveEventNotifier notifier, TimeProvider clock)
    : IConnectionObserver
{
    public ScopeKind Kind => ScopeKind.LiveEvent;

    public async ValueTask OnJoinedAsync(ScopeChange change, CancellationToken cancellationToken)
    {
        var supervises = await SupervisesAsync(change, cancellationToken).ConfigureAwait(false);
        await store.AddAttendanceAsync(change.Scope.TwinSpaceId, new LiveAttendance
        {
            Id = StretchId(change),
            EventId = change.Scope.ResourceId,
            AccountId = change.Connection.AccountId,
            DisplayName = change.Connection.DisplayName,
            Supervises = supervises,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken).ConfigureAwait(false);
        if (supervises) await TellLobbyAsync(change, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask OnLeftAsync(ScopeChange change, LeaveReason reason, CancellationToken cancellationToken)
    {
        await store.EndAttendanceAsync(change.Scope.TwinSpaceId, StretchId(change), clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        if (await SupervisesAsync(change, cancellationToken).ConfigureAwait(false)) await TellLobbyAsync(change, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SupervisesAsync(ScopeChange change, CancellationToken cancellationToken) =>
        await twinSpaces.FindMembershipAsync(change.Scope.TwinSpaceId, change.Connection.AccountId, cancellationToken).ConfigureAwait(false) is { } membership
        && PermissionMatrix.Allows(membership.Role, TwinSpaceAction.SuperviseLiveEvents);

    private async Task TellLobbyAsync(ScopeChange change, CancellationToken cancellationToken)
    {
        if (await store.FindEventAsync(change.Scope.TwinSpaceId, change.Scope.ResourceId, cancellationToken).ConfigureAwait(false) is not { } liveEvent) return;
        var present = (await store.AttendanceAsync(liveEvent.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Any(a => a.Supervises && a.LeftAt is null);
        await notifier.LobbyChangedAsync(new(liveEvent.TwinSpaceId, liveEvent.Id, liveEvent.State, present)).ConfigureAwait(false);
    }

    private static string StretchId(ScopeChange change) => $"{change.Scope.ResourceId}:{change.Connection.ConnectionId}";
}
