using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Rooms.Media;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Runs the commands of live sessions: reads the room's session state (<see cref="IRoomSessionStates"/>, shared by
/// every node), lets <see cref="RoomSessionMachine"/> apply the rules, stores the result with compare-and-set
/// (reading again when another node changed the session meanwhile) and only then tells the participants. Ended
/// sessions go to <see cref="IRoomStore"/> with their attendance. Signalling is checked against the same state.
/// </summary>
public sealed partial class RoomSessionService(
    RoomService rooms, IRoomStore store, IRoomSessionStates states, IRoomsNotifier notifier, SignalRateLimiter signalLimiter,
    BreakoutTimers breakoutTimers, IOptions<RoomsOptions> options, TimeProvider clock, RoomMediaService media)
{
    private readonly RoomsOptions _options = options.Value;

    /// <summary>The running session of a room the member may enter, or null.</summary>
    public async Task<RoomSessionView?> CurrentAsync(MemberContext member, string? roomId, CancellationToken cancellationToken = default)
    {
        var room = await rooms.RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        return await states.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false) is { } state ? View(state) : null;
    }

    public async Task<RoomSessionView> StartAsync(MemberContext teacher, string? roomId, CancellationToken cancellationToken = default)
    {
        var room = await rooms.RequireJoinableAsync(teacher, roomId, cancellationToken).ConfigureAwait(false);
        if (room.IsArchived) throw CollabException.ReadOnly("This room is archived: no new sessions.").WithKey("Room_ArchivedNoSessions");
        var state = RoomSessionMachine.Start(Ids.New(), room, teacher.AccountId, Now) with { Version = 1 };
        await media.SessionStartingAsync(state, cancellationToken).ConfigureAwait(false);
        if (!await states.TryAddAsync(state, cancellationToken).ConfigureAwait(false))
        {
            await media.SessionEndedAsync(state).ConfigureAwait(false);
            throw CollabException.Conflict("A session is running in this room already.").WithKey("Room_SessionRunning");
        }
        await notifier.SessionStatusAsync(new(state.TwinSpaceId, state.RoomId, state.SessionId, state.Phase)).ConfigureAwait(false);
        return View(state);
    }

    /// <summary>Enters the session or its lobby with this connection.</summary>
    public async Task<JoinRoomSessionResult> JoinAsync(MemberContext member, string? roomId, string connectionId, CancellationToken cancellationToken = default)
    {
        var room = await rooms.RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        var entered = false;
        var machine = await RunAsync(room.TwinSpaceId, room.Id, m => entered = m.Join(SessionActor.Of(member, connectionId)), cancellationToken).ConfigureAwait(false);
        return entered
            ? new JoinRoomSessionResult(true, false, View(machine!.State))
            : new JoinRoomSessionResult(false, machine!.Phase == RoomSessionPhase.WaitingForTeacher, null);
    }

    /// <summary>A connection left the room or its session (asked, closed, evicted); nothing to do when no session runs.</summary>
    public async Task ConnectionLeftAsync(string twinSpaceId, string roomId, string connectionId, bool lobbyToo, CancellationToken cancellationToken = default)
    {
        signalLimiter.Forget(connectionId);
        await RunAsync(twinSpaceId, roomId, m => m.ConnectionLeft(connectionId, lobbyToo), cancellationToken, required: false).ConfigureAwait(false);
    }

    public Task AdmitAsync(MemberContext teacher, string? roomId, string connectionId, string? accountId, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.Admit(actor, Require.Id(accountId, "accountId")), connectionId, cancellationToken);

    public Task DenyAsync(MemberContext teacher, string? roomId, string connectionId, string? accountId, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.Deny(actor, Require.Id(accountId, "accountId")), connectionId, cancellationToken);

    public Task RaiseHandAsync(MemberContext member, string? roomId, string connectionId, CancellationToken cancellationToken = default) =>
        CommandAsync(member, roomId, (m, actor) => m.RaiseHand(actor), connectionId, cancellationToken);

    /// <summary>Lowers the caller's hand, or (teachers) someone else's when <paramref name="accountId"/> is given.</summary>
    public Task LowerHandAsync(MemberContext member, string? roomId, string connectionId, string? accountId, CancellationToken cancellationToken = default) =>
        CommandAsync(member, roomId, (m, actor) => m.LowerHand(actor, accountId is null ? actor.AccountId : Require.Id(accountId, "accountId")),
            connectionId, cancellationToken);

    public Task SetMediaAsync(MemberContext member, string? roomId, string connectionId, RoomMediaStateRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        return CommandAsync(member, roomId, (m, actor) => m.SetMedia(actor, request.AudioOn, request.VideoOn, request.ScreenOn), connectionId, cancellationToken);
    }

    public Task ModerateAsync(
        MemberContext teacher, string? roomId, string connectionId, string? accountId, RoomModeration action, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(action)) throw CollabException.Invalid("Unknown moderation action.").WithKey("Room_UnknownModeration");
        return CommandAsync(teacher, roomId, (m, actor) => m.Moderate(actor, Require.Id(accountId, "accountId"), action), connectionId, cancellationToken);
    }

    public Task LockAsync(MemberContext teacher, string? roomId, string connectionId, bool locked, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.Lock(actor, locked), connectionId, cancellationToken);

    public Task SetTimerAsync(MemberContext teacher, string? roomId, string connectionId, int? minutes, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.SetTimer(actor, minutes, _options.MaxTimerMinutes), connectionId, cancellationToken);

    public Task EndAsync(MemberContext teacher, string? roomId, string connectionId, CancellationToken cancellationToken = default) =>
        CommandAsync(teacher, roomId, (m, actor) => m.End(actor), connectionId, cancellationToken);

    /// <summary>
    /// Relays an offer, answer or ICE candidate to another participant of the caller's session. Refused: an unknown
    /// kind or empty payload (invalid), an oversized one (too_large), more than the per-second limit (rate_limited),
    /// a caller or target outside the session (forbidden). Nothing is relayed when refused.
    /// </summary>
    public async Task SignalAsync(MemberContext member, string? roomId, string connectionId, RtcSignalRequest request, CancellationToken cancellationToken = default)
    {
        Require.NotNull(request, "request");
        var toAccountId = Require.Id(request.ToAccountId, "toAccountId");
        if (!Enum.IsDefined(request.Kind)) throw CollabException.Invalid("Kind must be offer, answer or candidate.").WithKey("Room_SignalKind");
        if (string.IsNullOrEmpty(request.Payload)) throw CollabException.Invalid("The signal has no payload.").WithKey("Room_SignalEmpty");
        var limit = request.Kind == RtcSignalKind.Candidate ? _options.MaxCandidateBytes : _options.MaxSdpBytes;
        if (Encoding.UTF8.GetByteCount(request.Payload) > limit) throw CollabException.TooLarge($"A {request.Kind} may be at most {limit} bytes.").WithKey("Room_SignalTooLarge", request.Kind, limit);
        if (!signalLimiter.TryAcquire(connectionId)) throw CollabException.RateLimited("Too many signalling messages; slow down.").WithKey("Room_SignalFlood");
        var room = await rooms.RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        var state = await states.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No session is running in this room.").WithKey("Room_NoSessionRunning");
        var target = new RoomSessionMachine(state, Now).SignallingTarget(SessionActor.Of(member, connectionId), toAccountId);
        await notifier.SignalAsync(target.ConnectionId,
            new RtcSignalEvent(state.TwinSpaceId, state.RoomId, state.SessionId, member.AccountId, request.Kind, request.Payload)).ConfigureAwait(false);
    }

    /// <summary>Attendance of the room's running session (stays so far) and of its ended ones, newest first.</summary>
    public async Task<IReadOnlyList<RoomSessionSummary>> AttendanceAsync(MemberContext teacher, string? roomId, CancellationToken cancellationToken = default)
    {
        var room = await rooms.RequireJoinableAsync(teacher, roomId, cancellationToken).ConfigureAwait(false);
        var now = Now;
        var summaries = new List<RoomSessionSummary>();
        if (await states.FindAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false) is { } running)
            summaries.Add(new(running.SessionId, room.Id, running.StartedAt, null, running.StartedBy, Views(running.Attendance, now)));
        foreach (var ended in await store.ListSessionsAsync(room.TwinSpaceId, room.Id, cancellationToken).ConfigureAwait(false))
            summaries.Add(new(ended.Id, room.Id, ended.StartedAt, ended.EndedAt, ended.StartedBy, Views(ended.Attendance, now)));
        return summaries;
    }

    /// <summary>One session's attendance as CSV (one row per stay), for the export endpoint.</summary>
    public async Task<string> AttendanceCsvAsync(MemberContext teacher, string? roomId, string? sessionId, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(sessionId, "sessionId");
        var session = (await AttendanceAsync(teacher, roomId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.SessionId == id)
            ?? throw CollabException.NotFound("No such session in this room.").WithKey("Room_NoSession");
        return AttendanceCsv.Write(session);
    }

    private async Task CommandAsync(
        MemberContext member, string? roomId, Action<RoomSessionMachine, SessionActor> command, string connectionId, CancellationToken cancellationToken)
    {
        var room = await rooms.RequireJoinableAsync(member, roomId, cancellationToken).ConfigureAwait(false);
        var actor = SessionActor.Of(member, connectionId);
        await RunAsync(room.TwinSpaceId, room.Id, machine => command(machine, actor), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Read, apply, compare-and-set, then tell; another node's change in between makes it read again.</summary>
    private async Task<RoomSessionMachine?> RunAsync(
        string twinSpaceId, string roomId, Action<RoomSessionMachine> command, CancellationToken cancellationToken, bool required = true)
    {
        for (var attempt = 0; attempt < _options.MaxStateWriteAttempts; attempt++)
        {
            var state = await states.FindAsync(twinSpaceId, roomId, cancellationToken).ConfigureAwait(false);
            if (state is null)
                return required ? throw CollabException.NotFound("No session is running in this room.").WithKey("Room_NoSessionRunning") : null;
            var machine = new RoomSessionMachine(state, Now);
            // A breakout timer that ran out calls everyone back before anything else, even if its node's timer never fired.
            machine.CloseBreakoutsIfDue();
            command(machine);
            if (!machine.Changed) return machine;
            var next = machine.State;
            if (machine.Phase == RoomSessionPhase.Ended)
            {
                // The record first (idempotent by session id), then the live state: a crash in between leaves a
                // session that a teacher can end again, never an ended one without its attendance.
                await store.AddSessionAsync(Record(next), cancellationToken).ConfigureAwait(false);
                if (!await states.TryRemoveAsync(twinSpaceId, roomId, state.Version, cancellationToken).ConfigureAwait(false)) continue;
            }
            else if (!await states.TryReplaceAsync(next, state.Version, cancellationToken).ConfigureAwait(false)) continue;
            await TellAsync(state, machine).ConfigureAwait(false);
            // A new reference means the groups were opened or someone moved (the machine keeps the loaded round otherwise).
            if (next.Breakouts is not null && !ReferenceEquals(next.Breakouts, state.Breakouts) && machine.Phase != RoomSessionPhase.Ended)
                await media.BreakoutsChangedAsync(next, CancellationToken.None).ConfigureAwait(false);
            // After the participants heard: a slow or unreachable media server must not hold up "ended".
            if (machine.Phase == RoomSessionPhase.Ended) await media.SessionEndedAsync(next).ConfigureAwait(false);
            return machine;
        }
        throw CollabException.Conflict("This session is changing very fast; please try again.").WithKey("Room_SessionBusy");
    }

    private async Task TellAsync(RoomSessionState before, RoomSessionMachine machine)
    {
        var after = machine.State;
        if (machine.Phase != before.Phase)
            await notifier.SessionStatusAsync(new(after.TwinSpaceId, after.RoomId, after.SessionId, machine.Phase)).ConfigureAwait(false);
        if (machine.Phase != RoomSessionPhase.Ended) await notifier.SessionChangedAsync(View(after)).ConfigureAwait(false);
        foreach (var notice in machine.Notices)
        {
            await notifier.NoticeAsync(notice.ConnectionId, new(after.TwinSpaceId, after.RoomId, after.SessionId, notice.Notice)).ConfigureAwait(false);
            if (notice.Notice == RoomSessionNotice.Removed)
                await notifier.ParticipantRemovedAsync(notice.ConnectionId, after.TwinSpaceId, after.RoomId).ConfigureAwait(false);
        }
    }

    private RoomSessionRecord Record(RoomSessionState state) => new()
    {
        Id = state.SessionId, TwinSpaceId = state.TwinSpaceId, RoomId = state.RoomId, StartedBy = state.StartedBy, StartedAt = state.StartedAt,
        EndedAt = Now, Attendance = state.Attendance,
    };

    private static RoomSessionView View(RoomSessionState state) => new(
        state.SessionId, state.TwinSpaceId, state.RoomId, state.Phase, state.Locked, state.StartedAt, state.EndsAt,
        state.Participants.Select(p => new SessionParticipantView(
            p.AccountId, p.DisplayName, p.Role, p.IsModerator, p.AudioOn, p.VideoOn, p.ScreenOn, p.CanShareScreen, p.JoinedAt)).ToList(),
        state.RaisedHands, state.Lobby.Select(l => new LobbyEntryView(l.AccountId, l.DisplayName, l.Role, l.WaitingSince)).ToList(), state.Version,
        BreakoutsView(state.Breakouts));

    private static List<AttendanceView> Views(IEnumerable<AttendanceInterval> attendance, DateTime now) =>
        attendance.Select(a => new AttendanceView(a.AccountId, a.DisplayName, a.JoinedAt, a.LeftAt, a.MinutesUntil(now))).ToList();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
