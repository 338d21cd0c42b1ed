using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>
/// Chat, forum and page records of one TwinSpace written through the stores, with what a copy must keep: two channels
/// with gap-free sequences, edited messages (change numbers), a held message, read markers; a thread with replies,
/// an edit with its revision and a like; pages with an update log, a compacted head and a version.
/// </summary>
public static class LiveFeatureSeed
{
    public const string Channel = ChatChannel.GeneralId;
    public const int ChatMessages = 150;
    public const int Replies = 12;
    public const int PageUpdates = 5;
    // Replies at times finer than a millisecond, as a live server's clock gives them: what is derived from them must copy too.
    private const int SubMillisecondTicks = 4_321;

    public static async Task<(string ThreadId, string PageId)> FillAsync(IStoreProvider provider, TransferSeed seed)
    {
        var at = TransferSeed.At;
        var chat = provider.Get<IChatStore>();
        foreach (var (id, kind) in new[] { (Channel, ChatChannelKind.General), (ChatChannel.TeachersId, ChatChannelKind.Teachers) })
            await chat.AddChannelIfAbsentAsync(seed.TwinSpaceId, new ChatChannel { Id = id, Kind = kind, Title = id, CreatedBy = seed.TeacherId, CreatedAt = at });
        for (var i = 1; i <= ChatMessages; i++)
        {
            var author = i % 3 == 0 ? seed.PupilId : seed.TeacherId;
            await chat.AppendAsync(seed.TwinSpaceId, new ChatMessage
            {
                ChannelId = i % 5 == 0 ? ChatChannel.TeachersId : Channel, ClientMessageId = $"c{i}", AuthorId = author, AuthorName = "Someone",
                Text = $"Message {i}", SentAt = at.AddSeconds(i), Held = i == 7,
            });
        }
        foreach (var sequence in new long[] { 2, 9, 2 })
        {
            var message = (await chat.FindMessageAsync(seed.TwinSpaceId, Channel, sequence))!;
            Assert.NotNull(await chat.TryReplaceMessageAsync(seed.TwinSpaceId, message with
            {
                Text = $"{message.Text}, edited", EditedAt = at.AddHours(1),
                Edits = [.. message.Edits, new ChatMessageEdit { Text = message.Text, ReplacedAt = at.AddHours(1) }],
                Reactions = [new ChatReaction { Emoji = "👍", AccountIds = [seed.PupilId] }],
            }, message.Version));
        }
        await chat.AdvanceReadMarkerAsync(seed.TwinSpaceId, Channel, seed.PupilId, 40);

        var forums = provider.Get<IForumStore>();
        var discussion = new ForumDiscussion { Id = Ids.New(), Title = "Debates", CreatedBy = seed.TeacherId, CreatedByName = "Ana (PT)", CreatedAt = at, LastActivityAt = at };
        await forums.AddDiscussionAsync(seed.TwinSpaceId, discussion);
        var threadId = Ids.New();
        var (thread, opening) = await forums.AddThreadAsync(seed.TwinSpaceId,
            new ForumThread { Id = threadId, DiscussionId = discussion.Id, Title = "Where does our water come from?", AuthorId = seed.TeacherId, AuthorName = "Ana (PT)", CreatedAt = at },
            Post(seed, discussion.Id, threadId, "Tell us!", at));
        for (var i = 1; i <= Replies; i++)
            Assert.Equal(AddReplyOutcome.Added, (await forums.AddReplyAsync(seed.TwinSpaceId, Post(seed, discussion.Id, thread.Id, $"Reply {i}", at.AddMinutes(i).AddTicks(SubMillisecondTicks)), false)).Outcome);
        Assert.NotNull(await forums.TryReplacePostAsync(seed.TwinSpaceId, opening with { Source = "Tell us, please!", Html = "<p>Tell us, please!</p>", EditedAt = at.AddHours(2) },
            opening.Version, new ForumPostRevision { PostId = opening.Id, Source = opening.Source, Html = opening.Html, EditedAt = at.AddHours(2), EditedBy = seed.TeacherId, EditedByName = "Ana (PT)" }));
        Assert.True((await forums.SetLikeAsync(seed.TwinSpaceId, opening.Id, seed.PupilId, true, at.AddHours(3))).Changed);
        await forums.AdvanceReadMarkerAsync(seed.TwinSpaceId, thread.Id, seed.PupilId, 5, at.AddHours(3));

        var pages = provider.Get<IPageStore>();
        var page = new Page { Id = Ids.New(), TwinSpaceId = seed.TwinSpaceId, Title = "Our river", CreatedBy = seed.TeacherId, CreatedAt = at, UpdatedAt = at };
        await pages.AddAsync(page);
        await pages.AddAsync(page with { Id = Ids.New(), Title = "Sources", ParentId = page.Id, Position = 0 });
        for (var i = 1; i <= PageUpdates; i++) await pages.AppendAsync(seed.TwinSpaceId, page.Id, [(byte)i, 0, 1, 2], at.AddSeconds(i));
        Assert.True(await pages.TryReplaceSnapshotAsync(seed.TwinSpaceId, page.Id, [9, 9, 9], compactedThrough: 2, expectedCompactedThrough: 0));
        await pages.AddVersionAsync(seed.TwinSpaceId, new PageVersion { Id = Ids.New(), PageId = page.Id, Name = "Draft", CreatedBy = seed.TeacherId, CreatedAt = at, Content = [1, 2, 3] });
        var rooms = provider.Get<IRoomStore>();
        var room = await rooms.AddRoomAsync(new Room
        {
            Id = Ids.New(), TwinSpaceId = seed.TwinSpaceId, Title = "River team", Capacity = 6, MemberIds = [seed.TeacherId, seed.PupilId],
            ChatChannelId = Ids.New(), MaterialCollectionId = Ids.New(), CreatedBy = seed.TeacherId, CreatedAt = at,
        });
        Assert.NotNull(await rooms.TryReplaceRoomAsync(room with { Description = "Measuring the river" }, room.Version));
        await rooms.AddSessionAsync(new RoomSessionRecord
        {
            Id = Ids.New(), TwinSpaceId = seed.TwinSpaceId, RoomId = room.Id, StartedBy = seed.TeacherId, StartedAt = at, EndedAt = at.AddHours(1),
            Attendance = [new AttendanceInterval { AccountId = seed.PupilId, DisplayName = "Fox", JoinedAt = at.AddMinutes(5), LeftAt = at.AddMinutes(50) }],
        });
        var live = provider.Get<ILiveEventStore>();
        var liveEvent = await live.AddEventAsync(new LiveEvent
        {
            Id = Ids.New(), TwinSpaceId = seed.TwinSpaceId, Title = "Quiz between our schools", StartsAt = at.AddDays(1), DurationMinutes = 45,
            TimeZone = "Europe/Vienna", Capacity = 1, CreatedBy = seed.TeacherId,
        });
        foreach (var (account, name) in new[] { (seed.TeacherId, "Ana (PT)"), (seed.PupilId, "Fox") })
            Assert.NotNull((await live.RegisterAsync(seed.TwinSpaceId, new LiveRegistration
            {
                Id = $"{liveEvent.Id}:{account}", EventId = liveEvent.Id, AccountId = account, DisplayName = name,
            })).Registration);
        var poll = await live.AddPollAsync(seed.TwinSpaceId, new LivePoll { Id = Ids.New(), EventId = liveEvent.Id, Question = "Which river is longer?", Options = ["Danube", "Tagus"] });
        Assert.NotNull((await live.CastVoteAsync(seed.TwinSpaceId, new LiveVote
        {
            Id = $"{poll.Id}:{seed.PupilId}", EventId = liveEvent.Id, PollId = poll.Id, AccountId = seed.PupilId, ClientId = "v1", Choices = [0],
        })).Vote);
        await live.AddQuestionAsync(seed.TwinSpaceId, new LiveQuestion { Id = Ids.New(), EventId = liveEvent.Id, AuthorId = seed.PupilId, AuthorName = "Fox", Text = "How deep is it?" });
        await live.AddAttendanceAsync(seed.TwinSpaceId, new LiveAttendance { Id = Ids.New(), EventId = liveEvent.Id, AccountId = seed.TeacherId, DisplayName = "Ana (PT)" });
        return (thread.Id, page.Id);
    }

    private static ForumPost Post(TransferSeed seed, string discussionId, string threadId, string text, DateTime at) => new()
    {
        Id = Ids.New(), ThreadId = threadId, DiscussionId = discussionId, AuthorId = seed.TeacherId, AuthorName = "Ana (PT)",
        Source = text, Html = $"<p>{text}</p>", CreatedAt = at,
    };
}
