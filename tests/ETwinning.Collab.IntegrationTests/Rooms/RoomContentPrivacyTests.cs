using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.ScaleOut;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>
/// A room's forum and folder are for its members and the TwinSpace's teachers: a pupil of the same TwinSpace who is
/// not in the room finds none of it (listing, reading, posting, uploading, downloading), as if it did not exist.
/// </summary>
public sealed class RoomContentPrivacyTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task A_pupil_outside_the_room_cannot_list_read_post_in_or_download_from_its_forum_and_folder()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);
        var member = await scenario.AddPupilAsync("Fox");
        var outsider = await scenario.AddPupilAsync("Owl");
        var (_, teacherHub) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher);
        var files = new MaterialsHttpClient(cluster.NodeA.Http);
        var room = await scenario.FounderHub.CreateRoomAsync(scenario.Id, "Astronomy club", memberIds: [member.Credentials.AccountId]);
        var discussion = await scenario.FounderHub.CreateForumDiscussionAsync(scenario.Id, "Planets", roomId: room.Id);
        var thread = await scenario.FounderHub.CreateForumThreadAsync(scenario.Id, discussion.Id, "Mars", "Is it red?");
        var file = await files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream("Star chart\n"u8.ToArray()), "chart.txt", room.MaterialCollectionId);

        Assert.DoesNotContain(await outsider.Hub.ListForumDiscussionsAsync(scenario.Id), d => d.Id == discussion.Id);
        var outsiderMaterials = await outsider.Hub.ListMaterialsAsync(scenario.Id);
        Assert.DoesNotContain(outsiderMaterials.Collections, c => c.Id == room.MaterialCollectionId);
        Assert.DoesNotContain(outsiderMaterials.Materials, m => m.Id == file.Id);
        var refusals = new[]
        {
            await Refused(() => outsider.Hub.ListForumDiscussionsAsync(scenario.Id, room.Id)),
            await Refused(() => outsider.Hub.OpenForumDiscussionAsync(scenario.Id, discussion.Id)),
            await Refused(() => outsider.Hub.OpenForumThreadAsync(scenario.Id, thread.Thread.Id)),
            await Refused(() => outsider.Hub.PostForumReplyAsync(scenario.Id, thread.Thread.Id, "Let me in")),
            await Refused(() => outsider.Hub.LikeForumPostAsync(scenario.Id, thread.Posts[0].Id)),
            await Refused(() => outsider.Hub.GetMaterialUrlsAsync(scenario.Id, file.Id)),
            await Refused(async () => (await files.DownloadAsync(outsider.Tokens.AccessToken, scenario.Id, file.Id)).Dispose()),
            await Refused(() => files.UploadAsync(outsider.Tokens.AccessToken, scenario.Id, new MemoryStream("Mine\n"u8.ToArray()), "mine.txt", room.MaterialCollectionId)),
        };
        Assert.All(refusals, code => Assert.Equal("not_found", code));
        Assert.Single((await scenario.FounderHub.OpenForumThreadAsync(scenario.Id, thread.Thread.Id)).Posts);

        // The room's pupil and a teacher who is not a member (supervision) see and use all of it.
        await member.Hub.PostForumReplyAsync(scenario.Id, thread.Thread.Id, "Yes, rusty dust");
        Assert.Contains(await member.Hub.ListForumDiscussionsAsync(scenario.Id, room.Id), d => d.Id == discussion.Id);
        Assert.Contains((await member.Hub.ListMaterialsAsync(scenario.Id)).Materials, m => m.Id == file.Id);
        using (var download = await files.DownloadAsync(member.Tokens.AccessToken, scenario.Id, file.Id))
            Assert.Equal("Star chart\n", await download.Content.ReadAsStringAsync());
        Assert.Equal(2, (await teacherHub.OpenForumThreadAsync(scenario.Id, thread.Thread.Id)).Posts.Count);
        Assert.Contains((await teacherHub.ListMaterialsAsync(scenario.Id)).Collections, c => c.Id == room.MaterialCollectionId);
    }

    [Fact]
    public async Task A_discussion_cannot_name_a_room_that_does_not_exist()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(cluster.NodeA);

        Assert.Equal("not_found", await Refused(() => scenario.FounderHub.CreateForumDiscussionAsync(scenario.Id, "Ghost", roomId: "nosuchroom")));
    }

    private static async Task<string> Refused(Func<Task> call) => (await Assert.ThrowsAsync<CollabHubException>(call)).Code;
}
