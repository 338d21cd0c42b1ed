using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// The rules of a live session in one place (the pattern of Jellyfin SyncPlay's group states). A session is in one
/// of three states (<see cref="RoomSessionPhase"/>): WaitingForTeacher (started, no teacher in: pupils wait in the
/// lobby and nobody can let them in), Live (a teacher is in) and Ended (everything refused). Each command checks the
/// state and the actor, then changes a copy of the state; the caller stores the copy with compare-and-set and, only
/// when that succeeded, delivers <see cref="Notices"/>. A refused command throws a <see cref="CollabException"/> and
/// changes nothing. The machine never reads a clock: the time of the command is given.
/// </summary>
public sealed partial class RoomSessionMachine
{
    private readonly RoomSessionState _before;
    private readonly DateTime _now;
    private readonly List<SessionParticipant> _participants;
    private readonly List<LobbyEntry> _lobby;
    private readonly List<string> _hands;
    private readonly List<string> _admitted;
    private readonly List<string> _removed;
    private readonly List<AttendanceInterval> _attendance;
    private readonly List<SessionNotice> _notices = [];
    private bool _locked;
    private bool _ended;
    private DateTime? _endsAt;
    private BreakoutRound? _breakouts;
    private DateTime? _lastBreakoutMessageAt;

    public RoomSessionMachine(RoomSessionState state, DateTime now)
    {
        _before = state;
        _now = now;
        _participants = [.. state.Participants];
        _lobby = [.. state.Lobby];
        _hands = [.. state.RaisedHands];
        _admitted = [.. state.Admitted];
        _removed = [.. state.Removed];
        _attendance = [.. state.Attendance];
        _locked = state.Locked;
        _ended = state.Ended;
        _endsAt = state.EndsAt;
        _breakouts = state.Breakouts;
        _lastBreakoutMessageAt = state.LastBreakoutMessageAt;
    }

    /// <summary>A new session: WaitingForTeacher until its first teacher joins.</summary>
    public static RoomSessionState Start(string sessionId, Room room, string startedBy, DateTime now) => new()
    {
        SessionId = sessionId, TwinSpaceId = room.TwinSpaceId, RoomId = room.Id, StartedBy = startedBy, StartedAt = now, Capacity = room.Capacity,
    };

    /// <summary>True when a command changed something (otherwise there is nothing to store).</summary>
    public bool Changed { get; private set; }

    public IReadOnlyList<SessionNotice> Notices => _notices;

    /// <summary>The state after the commands, one version on (the state as it was when nothing changed).</summary>
    public RoomSessionState State => !Changed ? _before : _before with
    {
        Participants = _participants, Lobby = _lobby, RaisedHands = _hands, Admitted = _admitted, Removed = _removed,
        Attendance = _attendance, Locked = _locked, Ended = _ended, EndsAt = _endsAt, Breakouts = _breakouts,
        LastBreakoutMessageAt = _lastBreakoutMessageAt, Version = _before.Version + 1,
    };

    public RoomSessionPhase Phase => _ended ? RoomSessionPhase.Ended
        : _participants.Any(p => p.IsModerator) ? RoomSessionPhase.Live : RoomSessionPhase.WaitingForTeacher;

    /// <summary>
    /// Enters the session, or the lobby. Teachers and guests enter at once; pupils wait in the lobby until a teacher
    /// admits them. Removed accounts never enter again; a locked session takes only teachers and those admitted.
    /// Joining again (a new connection, a reconnect) moves the participant to the new connection.
    /// </summary>
    public bool Join(SessionActor actor)
    {
        RequireNotEnded();
        if (_removed.Contains(actor.AccountId))
            throw CollabException.Forbidden("You were removed from this session and cannot join it again.").WithKey("Room_Removed");
        var index = _participants.FindIndex(p => p.AccountId == actor.AccountId);
        if (index >= 0)
        {
            if (_participants[index].ConnectionId != actor.ConnectionId) Set(index, _participants[index] with { ConnectionId = actor.ConnectionId });
            return true;
        }
        var admitted = _admitted.Contains(actor.AccountId);
        if (_locked && !actor.IsModerator && !admitted) throw CollabException.Forbidden("This session is locked: nobody new can join.").WithKey("Room_Locked");
        if (actor.WaitsInLobby && !admitted)
        {
            _lobby.RemoveAll(entry => entry.AccountId == actor.AccountId);
            _lobby.Add(new LobbyEntry
            {
                AccountId = actor.AccountId, DisplayName = actor.DisplayName, Role = actor.Role, ConnectionId = actor.ConnectionId, WaitingSince = _now,
            });
            Changed = true;
            return false;
        }
        RequireSeat();
        _admitted.Remove(actor.AccountId);
        _participants.Add(new SessionParticipant
        {
            AccountId = actor.AccountId, DisplayName = actor.DisplayName, Role = actor.Role, IsModerator = actor.IsModerator,
            ConnectionId = actor.ConnectionId, CanShareScreen = actor.IsModerator, JoinedAt = _now,
        });
        _attendance.Add(new AttendanceInterval { AccountId = actor.AccountId, DisplayName = actor.DisplayName, JoinedAt = _now });
        Changed = true;
        return true;
    }

    /// <summary>A connection went away (left, closed, evicted): its participant or lobby place goes with it.</summary>
    public void ConnectionLeft(string connectionId, bool lobbyToo)
    {
        if (_participants.FindIndex(p => p.ConnectionId == connectionId) is var index and >= 0) Leave(_participants[index].AccountId);
        if (lobbyToo && _lobby.RemoveAll(entry => entry.ConnectionId == connectionId) > 0) Changed = true;
    }

    public void Admit(SessionActor moderator, string accountId)
    {
        RequireModeratorInSession(moderator);
        var entry = LobbyEntryOf(accountId);
        RequireSeat();
        _lobby.Remove(entry);
        if (!_admitted.Contains(accountId)) _admitted.Add(accountId);
        _notices.Add(new SessionNotice(entry.ConnectionId, RoomSessionNotice.Admitted));
        Changed = true;
    }

    public void Deny(SessionActor moderator, string accountId)
    {
        RequireModeratorInSession(moderator);
        var entry = LobbyEntryOf(accountId);
        _lobby.Remove(entry);
        _notices.Add(new SessionNotice(entry.ConnectionId, RoomSessionNotice.Denied));
        Changed = true;
    }

    public void RaiseHand(SessionActor actor)
    {
        RequireParticipant(actor);
        if (_hands.Contains(actor.AccountId)) return;
        _hands.Add(actor.AccountId);
        Changed = true;
    }

    /// <summary>Lowers one's own hand, or (moderators) anyone's.</summary>
    public void LowerHand(SessionActor actor, string accountId)
    {
        var self = RequireParticipant(actor);
        if (accountId != actor.AccountId && !self.IsModerator) throw CollabException.Forbidden("Only a teacher may lower someone else's hand.").WithKey("Room_LowerOthersHand");
        if (_hands.Remove(accountId)) Changed = true;
    }

    public void SetMedia(SessionActor actor, bool audioOn, bool videoOn, bool screenOn)
    {
        var self = RequireParticipant(actor);
        if (screenOn && !self.CanShareScreen) throw CollabException.Forbidden("Only teachers may share their screen unless a teacher allows it.").WithKey("Room_ScreenShare");
        Set(_participants.IndexOf(self), self with { AudioOn = audioOn, VideoOn = videoOn, ScreenOn = screenOn });
    }

    public void Moderate(SessionActor moderator, string accountId, RoomModeration action)
    {
        RequireModeratorInSession(moderator);
        var index = _participants.FindIndex(p => p.AccountId == accountId);
        if (index < 0) throw CollabException.NotFound("No such participant in this session.").WithKey("Room_NoParticipant");
        var target = _participants[index];
        switch (action)
        {
            case RoomModeration.AskToUnmute:
                _notices.Add(new SessionNotice(target.ConnectionId, RoomSessionNotice.AskedToUnmute));
                Changed = true;
                break;
            case RoomModeration.Mute:
                Set(index, target with { AudioOn = false });
                _notices.Add(new SessionNotice(target.ConnectionId, RoomSessionNotice.Muted));
                break;
            case RoomModeration.StopVideo:
                Set(index, target with { VideoOn = false });
                _notices.Add(new SessionNotice(target.ConnectionId, RoomSessionNotice.VideoStopped));
                break;
            case RoomModeration.AllowScreenShare:
                Set(index, target with { CanShareScreen = true });
                break;
            case RoomModeration.DisallowScreenShare:
                Set(index, target with { CanShareScreen = false, ScreenOn = false });
                if (target.ScreenOn) _notices.Add(new SessionNotice(target.ConnectionId, RoomSessionNotice.ScreenShareStopped));
                break;
            case RoomModeration.Remove:
                if (accountId == moderator.AccountId) throw CollabException.Invalid("Leave the session instead of removing yourself.").WithKey("Room_RemoveSelf");
                Leave(accountId);
                _removed.Add(accountId);
                _notices.Add(new SessionNotice(target.ConnectionId, RoomSessionNotice.Removed));
                break;
            default:
                throw CollabException.Invalid("Unknown moderation action.").WithKey("Room_UnknownModeration");
        }
    }

    public void Lock(SessionActor moderator, bool locked)
    {
        RequireModeratorInSession(moderator);
        if (_locked == locked) return;
        _locked = locked;
        Changed = true;
    }

    /// <summary>Announces when the session should end (null clears it); the timer is for people, nothing ends by itself.</summary>
    public void SetTimer(SessionActor moderator, int? minutes, int maxMinutes)
    {
        RequireModeratorInSession(moderator);
        if (minutes is < 1 || minutes > maxMinutes) throw CollabException.Invalid($"A timer runs between 1 and {maxMinutes} minutes.").WithKey("Room_TimerMinutes", maxMinutes);
        _endsAt = minutes is { } length ? _now.AddMinutes(length) : null;
        Changed = true;
    }

    /// <summary>Ends the session for everyone (a teacher; they need not be in it): every stay ends now.</summary>
    public void End(SessionActor moderator)
    {
        RequireNotEnded();
        if (!moderator.IsModerator) throw CollabException.Forbidden("Only a teacher may end the session.").WithKey("Room_OnlyTeacherEnds");
        foreach (var participant in _participants.ToList()) Leave(participant.AccountId);
        _lobby.Clear();
        _admitted.Clear();
        _breakouts = null;
        _ended = true;
        Changed = true;
    }

    /// <summary>The participant a signal may go to: another participant of this session, reached on their connection.</summary>
    public SessionParticipant SignallingTarget(SessionActor sender, string toAccountId)
    {
        var self = RequireParticipant(sender);
        if (self.ConnectionId != sender.ConnectionId) throw CollabException.Forbidden("Signal from the connection you joined the session with.").WithKey("Room_SignalConnection");
        var target = _participants.Find(p => p.AccountId == toAccountId);
        if (target is null || target.AccountId == sender.AccountId)
            throw CollabException.Forbidden("Signalling only reaches other participants of your session.").WithKey("Room_SignalParticipants");
        if (_breakouts is not null && _breakouts.Separates(self.AccountId, target.AccountId))
            throw CollabException.Forbidden("While breakout groups are open, signalling only reaches your own group.").WithKey("Room_SignalOwnGroup");
        return target;
    }

    private void Leave(string accountId)
    {
        var index = _participants.FindIndex(p => p.AccountId == accountId);
        if (index < 0) return;
        _participants.RemoveAt(index);
        _hands.Remove(accountId);
        var open = _attendance.FindLastIndex(a => a.AccountId == accountId && a.LeftAt is null);
        if (open >= 0) _attendance[open] = _attendance[open] with { LeftAt = _now };
        Changed = true;
    }

    private void Set(int index, SessionParticipant participant)
    {
        if (_participants[index] == participant) return;
        _participants[index] = participant;
        Changed = true;
    }

    private LobbyEntry LobbyEntryOf(string accountId) =>
        _lobby.Find(entry => entry.AccountId == accountId) ?? throw CollabException.NotFound("Nobody with this account waits in the lobby.").WithKey("Room_NotInLobby");

    private void RequireSeat()
    {
        if (_participants.Count >= _before.Capacity) throw CollabException.Conflict($"The session is full ({_before.Capacity} seats).").WithKey("Room_Full", _before.Capacity);
    }

    private void RequireNotEnded()
    {
        if (_ended) throw CollabException.NotFound("This session has ended.").WithKey("Room_SessionEnded");
    }

    private SessionParticipant RequireParticipant(SessionActor actor)
    {
        RequireNotEnded();
        return _participants.Find(p => p.AccountId == actor.AccountId)
            ?? throw CollabException.Forbidden("Join the session first.").WithKey("Room_JoinFirst");
    }

    private void RequireModeratorInSession(SessionActor actor)
    {
        var self = RequireParticipant(actor);
        if (!self.IsModerator) throw CollabException.Forbidden("Only a teacher in the session may do this.").WithKey("Room_OnlyTeacherInSession");
    }
}
