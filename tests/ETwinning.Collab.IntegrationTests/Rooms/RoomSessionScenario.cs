using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// A TwinSpace whose founder (a teacher, on the first node) made a room with a pupil as member; the pupil is connected
/// to the second node. Every event each of them receives is recorded.
/// </summary>
public sealed class RoomSessionScenario : IAsyncDisposable
{
    private RoomSessionScenario(TwinSpaceScenario twinSpace, RoomView room, PupilCredentials pupil, TwinSpaceConnection pupilHub, CollabServer pupilNode)
    {
        TwinSpace = twinSpace;
        Room = room;
        Pupil = pupil;
        PupilHub = pupilHub;
        PupilNode = pupilNode;
        Watch(TeacherHub, TeacherEvents);
        Watch(PupilHub, PupilEvents);
    }

    public TwinSpaceScenario TwinSpace { get; }
    public RoomView Room { get; }
    public PupilCredentials Pupil { get; }
    public TwinSpaceConnection TeacherHub => TwinSpace.FounderHub;
    public TwinSpaceConnection PupilHub { get; }
    public CollabServer PupilNode { get; }
    public string Id => TwinSpace.Id;
    public string RoomId => Room.Id;
    public string TeacherId => Room.CreatedBy;
    public RoomEvents TeacherEvents { get; } = new();
    public RoomEvents PupilEvents { get; } = new();

    public static async Task<RoomSessionScenario> CreateAsync(CollabServer teacherNode, CollabServer pupilNode, string nickname = "Fox")
    {
        var twinSpace = await TwinSpaceScenario.CreateAsync(teacherNode);
        var pupil = (await twinSpace.FounderHub.CreatePupilsAsync(twinSpace.Id, nickname)).Single();
        var room = await twinSpace.FounderHub.CreateRoomAsync(twinSpace.Id, "Astronomy club", "Stars and planets", memberIds: [pupil.AccountId]);
        var pupilHub = await pupilNode.ConnectAsync(await pupilNode.PupilLoginAsync(twinSpace.TwinSpace, pupil));
        return new RoomSessionScenario(twinSpace, room, pupil, pupilHub, pupilNode);
    }

    /// <summary>The teacher starts a session and enters it; the pupil waits in the lobby and is admitted.</summary>
    public async Task StartWithPupilInsideAsync()
    {
        await TeacherHub.StartRoomSessionAsync(Id, RoomId);
        Assert.True((await TeacherHub.JoinRoomSessionAsync(Id, RoomId)).Admitted);
        Assert.False((await PupilHub.JoinRoomSessionAsync(Id, RoomId)).Admitted);
        await TeacherEvents.Changes.WaitForAsync(c => c.Session.Lobby.Any(l => l.AccountId == Pupil.AccountId));
        await TeacherHub.AdmitToRoomSessionAsync(Id, RoomId, Pupil.AccountId);
        await PupilEvents.Notices.WaitForAsync(n => n.Notice == RoomSessionNotice.Admitted);
        Assert.True((await PupilHub.JoinRoomSessionAsync(Id, RoomId)).Admitted);
        await TeacherEvents.Changes.WaitForAsync(c => c.Session.Participants.Count == 2);
    }

    public static void Watch(TwinSpaceConnection hub, RoomEvents events)
    {
        hub.RoomSessionStatus += events.Statuses.Record;
        hub.RoomSessionChanged += events.Changes.Record;
        hub.RoomSessionNotice += events.Notices.Record;
        hub.RtcSignal += events.Signals.Record;
        hub.RoomBreakoutMessage += events.Messages.Record;
    }

    public async ValueTask DisposeAsync()
    {
        await PupilHub.DisposeAsync();
        await TwinSpace.DisposeAsync();
    }
}

/// <summary>The room events one connection received.</summary>
public sealed class RoomEvents
{
    public EventRecorder<RoomSessionStatusEvent> Statuses { get; } = new();
    public EventRecorder<RoomSessionChangedEvent> Changes { get; } = new();
    public EventRecorder<RoomSessionNoticeEvent> Notices { get; } = new();
    public EventRecorder<RtcSignalEvent> Signals { get; } = new();
    public EventRecorder<RoomBreakoutMessageEvent> Messages { get; } = new();
}
