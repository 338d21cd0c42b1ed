using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.ScaleOut;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// Live events about a room (the room itself, its folder and the files in it) reach only the room's members and the
/// TwinSpace's teachers, on both nodes: a pupil of the same TwinSpace who joined it but is not in the room never sees
/// the room's title, description or file names go by. Each test ends with an event the outsider does receive (a
/// barrier), so "not received" means "never sent", not "not arrived yet".
/// </summary>
public sealed class RoomEventPrivacyTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Room_changes_reach_its_members_and_teachers_but_not_other_pupils()
    {
        await using var people = await People.CreateAsync(cluster);
        var rooms = people.Record(hub => new EventRecorder<RoomChangedEvent>(), (hub, recorder) => hub.RoomChanged += recorder.Record);

        var secret = await people.Founder.CreateRoomAsync(people.Id, "Secret garden", "Where the surprise is planned", memberIds: [people.Member.Id]);
        await people.Founder.UpdateRoomAsync(people.Id, secret.Id, "Secret garden 2", "Still secret", 10);
        var open = await people.Founder.CreateRoomAsync(people.Id, "Open house", memberIds: [people.Outsider.Id]);

        await rooms[people.Outsider.Hub].WaitForAsync(e => e.Room.Id == open.Id);
        Assert.DoesNotContain(rooms[people.Outsider.Hub].Seen, e => e.Room.Id == secret.Id);
        await rooms[people.Member.Hub].WaitForAsync(e => e.Room.Title == "Secret garden 2");
        await rooms[people.Teacher].WaitForAsync(e => e.Room.Title == "Secret garden 2");
        Assert.DoesNotContain(rooms[people.Member.Hub].Seen, e => e.Room.Id == open.Id);
    }

    [Fact]
    public async Task A_member_taken_out_of_a_room_stops_hearing_the_room_forum_threads_they_had_open()
    {
        await using var people = await People.CreateAsync(cluster);
        var posts = people.Record(hub => new EventRecorder<ForumPostEvent>(), (hub, recorder) => hub.ForumPostAdded += recorder.Record);
        var room = await people.Founder.CreateRoomAsync(people.Id, "Secret garden", memberIds: [people.Member.Id]);
        var discussion = await people.Founder.CreateForumDiscussionAsync(people.Id, "Planning", roomId: room.Id);
        var thread = await people.Founder.CreateForumThreadAsync(people.Id, discussion.Id, "The surprise", "Who brings the cake?");
        var open = await people.Founder.CreateForumDiscussionAsync(people.Id, "Everyone's corner");
        var openThread = await people.Founder.CreateForumThreadAsync(people.Id, open.Id, "Hello", "Say hello!");
        await people.Member.Hub.OpenForumThreadAsync(people.Id, thread.Thread.Id);
        await people.Member.Hub.OpenForumThreadAsync(people.Id, openThread.Thread.Id);

        await people.Founder.RemoveRoomMemberAsync(people.Id, room.Id, people.Member.Id);
        await people.Founder.PostForumReplyAsync(people.Id, thread.Thread.Id, "The cake is a secret now");
        // Barrier: a reply in a thread the former member may still read, sent after the secret one.
        await people.Founder.PostForumReplyAsync(people.Id, openThread.Thread.Id, "Hello again");
        await posts[people.Member.Hub].WaitForAsync(e => e.Post.ThreadId == openThread.Thread.Id);

        Assert.DoesNotContain(posts[people.Member.Hub].Seen, e => e.Post.ThreadId == thread.Thread.Id);
    }

    [Fact]
    public async Task A_member_taken_out_of_a_room_is_told_without_its_title_and_stops_following_it()
    {
        await using var people = await People.CreateAsync(cluster);
        var rooms = people.Record(hub => new EventRecorder<RoomChangedEvent>(), (hub, recorder) => hub.RoomChanged += recorder.Record);
        var removals = people.Record(hub => new EventRecorder<RoomRemovedEvent>(), (hub, recorder) => hub.RoomRemoved += recorder.Record);
        var statuses = people.Record(hub => new EventRecorder<RoomSessionStatusEvent>(), (hub, recorder) => hub.RoomSessionStatus += recorder.Record);
        var room = await people.Founder.CreateRoomAsync(people.Id, "Secret garden", memberIds: [people.Member.Id]);
        await people.Member.Hub.OpenRoomAsync(people.Id, room.Id);

        await people.Founder.RemoveRoomMemberAsync(people.Id, room.Id, people.Member.Id);
        var removed = await removals[people.Member.Hub].WaitForAsync(e => e.RoomId == room.Id);
        await people.Founder.UpdateRoomAsync(people.Id, room.Id, "Secret garden 2", null, 10);
        await people.Founder.OpenRoomAsync(people.Id, room.Id);
        await people.Founder.StartRoomSessionAsync(people.Id, room.Id);
        await statuses[people.Founder].WaitForAsync(e => e.RoomId == room.Id);

        // Barrier: a room the former member is in.
        var other = await people.Founder.CreateRoomAsync(people.Id, "Open house", memberIds: [people.Member.Id]);
        await rooms[people.Member.Hub].WaitForAsync(e => e.Room.Id == other.Id);
        await people.Member.Hub.OpenRoomAsync(people.Id, other.Id);
        await people.Founder.StartRoomSessionAsync(people.Id, other.Id);
        await statuses[people.Member.Hub].WaitForAsync(e => e.RoomId == other.Id);
        Assert.Equal(people.Id, removed.TwinSpaceId);
        Assert.DoesNotContain(rooms[people.Member.Hub].Seen, e => e.Room.Title == "Secret garden 2");
        Assert.DoesNotContain(statuses[people.Member.Hub].Seen, e => e.RoomId == room.Id);
        Assert.Empty(removals[people.Outsider.Hub].Seen);
        Assert.Equal("not_found", (await Assert.ThrowsAsync<CollabHubException>(() => people.Member.Hub.OpenRoomAsync(people.Id, room.Id))).Code);
    }

    [Fact]
    public async Task Material_events_of_a_rooms_folder_reach_only_those_who_may_see_the_room()
    {
        await using var people = await People.CreateAsync(cluster);
        var files = new MaterialsHttpClient(cluster.NodeA.Http);
        var collections = people.Record(hub => new EventRecorder<MaterialCollectionView>(), (hub, recorder) => hub.MaterialCollectionChanged += recorder.Record);
        var ready = people.Record(hub => new EventRecorder<MaterialView>(), (hub, recorder) => hub.MaterialReady += recorder.Record);
        var changed = people.Record(hub => new EventRecorder<MaterialView>(), (hub, recorder) => hub.MaterialChanged += recorder.Record);
        var deleted = people.Record(hub => new EventRecorder<MaterialDeletedEvent>(), (hub, recorder) => hub.MaterialDeleted += recorder.Record);

        var room = await people.Founder.CreateRoomAsync(people.Id, "Secret garden", memberIds: [people.Member.Id]);
        var plan = await files.UploadAsync(people.FounderTokens.AccessToken, people.Id, new MemoryStream("Surprise plan\n"u8.ToArray()), "surprise-plan.txt", room.MaterialCollectionId);
        await people.Founder.UpdateMaterialAsync(people.Id, plan.Id, new UpdateMaterialRequest("Surprise plan v2", null, room.MaterialCollectionId));
        var moved = await files.UploadAsync(people.FounderTokens.AccessToken, people.Id, new MemoryStream("Party list\n"u8.ToArray()), "party-list.txt");
        await people.Founder.UpdateMaterialAsync(people.Id, moved.Id, new UpdateMaterialRequest("Party list", null, room.MaterialCollectionId));
        await people.Founder.DeleteMaterialAsync(people.Id, plan.Id);

        // Barrier: a file outside every room, which everyone sees.
        var shared = await files.UploadAsync(people.FounderTokens.AccessToken, people.Id, new MemoryStream("Timetable\n"u8.ToArray()), "timetable.txt");
        await ready[people.Outsider.Hub].WaitForAsync(m => m.Id == shared.Id);
        // A file moved into the room leaves the outsider's list, told without its new place.
        await deleted[people.Outsider.Hub].WaitForAsync(e => e.MaterialId == moved.Id);
        Assert.DoesNotContain(collections[people.Outsider.Hub].Seen, c => c.Id == room.MaterialCollectionId);
        Assert.DoesNotContain(ready[people.Outsider.Hub].Seen, m => m.Id == plan.Id);
        Assert.DoesNotContain(changed[people.Outsider.Hub].Seen, m => m.Id == plan.Id || m.CollectionId == room.MaterialCollectionId);
        Assert.DoesNotContain(deleted[people.Outsider.Hub].Seen, e => e.MaterialId == plan.Id);

        foreach (var insider in new[] { people.Member.Hub, people.Teacher })
        {
            await collections[insider].WaitForAsync(c => c.Id == room.MaterialCollectionId);
            await ready[insider].WaitForAsync(m => m.Id == plan.Id);
            await changed[insider].WaitForAsync(m => m.Title == "Surprise plan v2");
            await changed[insider].WaitForAsync(m => m.Id == moved.Id && m.CollectionId == room.MaterialCollectionId);
            await deleted[insider].WaitForAsync(e => e.MaterialId == plan.Id);
        }
    }

    /// <summary>
    /// A TwinSpace with its founder (a teacher administrator) and a partner teacher on node A, and two pupils on node B:
    /// one to be put in rooms, one left outside. Every connection joined the TwinSpace (its group).
    /// </summary>
    private sealed class People : IAsyncDisposable
    {
        private readonly TwinSpaceScenario _scenario;

        private People(TwinSpaceScenario scenario, TwinSpaceConnection teacher, Pupil member, Pupil outsider)
        {
            _scenario = scenario;
            Teacher = teacher;
            Member = member;
            Outsider = outsider;
        }

        public string Id => _scenario.Id;
        public TwinSpaceConnection Founder => _scenario.FounderHub;
        public TokenPair FounderTokens => _scenario.Founder;
        public TwinSpaceConnection Teacher { get; }
        public Pupil Member { get; }
        public Pupil Outsider { get; }

        public static async Task<People> CreateAsync(TwoNodeCluster cluster)
        {
            var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
            var (_, teacher) = await scenario.AddTeacherAsync();
            var pupils = await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Fox", "Owl");
            var people = new People(scenario, teacher, await Pupil.ConnectAsync(cluster.NodeB, scenario, pupils[0]), await Pupil.ConnectAsync(cluster.NodeB, scenario, pupils[1]));
            foreach (var hub in people.All) await hub.JoinTwinSpaceAsync(scenario.Id);
            return people;
        }

        public IEnumerable<TwinSpaceConnection> All => [Founder, Teacher, Member.Hub, Outsider.Hub];

        /// <summary>One recorder per connection, subscribed before anything happens.</summary>
        public Dictionary<TwinSpaceConnection, T> Record<T>(Func<TwinSpaceConnection, T> make, Action<TwinSpaceConnection, T> subscribe)
        {
            var recorders = All.ToDictionary(hub => hub, make);
            foreach (var (hub, recorder) in recorders) subscribe(hub, recorder);
            return recorders;
        }

        public async ValueTask DisposeAsync()
        {
            await Member.Hub.DisposeAsync();
            await Outsider.Hub.DisposeAsync();
            await _scenario.DisposeAsync();
        }
    }

    private sealed record Pupil(string Id, TwinSpaceConnection Hub)
    {
        public static async Task<Pupil> ConnectAsync(CollabServer node, TwinSpaceScenario scenario, PupilCredentials credentials) =>
            new(credentials.AccountId, await node.ConnectAsync(await node.PupilLoginAsync(scenario.TwinSpace, credentials)));
    }
}
