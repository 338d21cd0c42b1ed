using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Chat;

/// <summary>The "bad input" list: each gets a clear code and leaves nothing stored wrongly.</summary>
public sealed class ChatBadInputTests(ChatBadInputTests.StrictServer fixture) : IClassFixture<ChatBadInputTests.StrictServer>
{
    private const string General = "general";

    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Empty_oversized_and_malformed_messages_are_refused_and_not_stored()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var hub = scenario.FounderHub;

        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "e1", ""))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "e2", "  \n\t "))).Code);
        Assert.Equal("too_large", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "e3", new string('a', 101)))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "e4", "bell\u0007"))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "", "no id"))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, "bad id!", "bad id"))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.SendChatMessageAsync(scenario.Id, General, new string('x', 65), "long id"))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.GetChatHistoryAsync(scenario.Id, General, limit: 0))).Code);
        Assert.Equal("invalid", (await Refused(() => hub.GetChatMessagesSinceAsync(scenario.Id, General, -1))).Code);

        var exactlyAtLimit = await hub.SendChatMessageAsync(scenario.Id, General, "ok1", "line one\nline two" + new string('a', 83));
        Assert.Equal(1, exactlyAtLimit.Message.Sequence);
        Assert.Single((await hub.GetChatHistoryAsync(scenario.Id, General)).Messages);
    }

    [Fact]
    public async Task Unknown_channels_and_channels_of_another_TwinSpace_are_not_found()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        await using var other = await TwinSpaceScenario.CreateAsync(Server, "Another project");
        var otherPupil = await other.AddPupilAsync("Kit");
        var otherBreakout = await other.FounderHub.CreateBreakoutChannelAsync(other.Id, "Their group", otherPupil.Tokens.Account.Id);

        Assert.Equal("not_found", (await Refused(() => scenario.FounderHub.SendChatMessageAsync(scenario.Id, "nosuchchannel", "u1", "hi"))).Code);
        Assert.Equal("invalid", (await Refused(() => scenario.FounderHub.SendChatMessageAsync(scenario.Id, "../general", "u2", "hi"))).Code);
        // Another TwinSpace's channel id used inside this TwinSpace does not exist here.
        Assert.Equal("not_found", (await Refused(() => scenario.FounderHub.SendChatMessageAsync(scenario.Id, otherBreakout.Id, "u3", "hi"))).Code);
        Assert.Equal("not_found", (await Refused(() => scenario.FounderHub.GetChatHistoryAsync(scenario.Id, otherBreakout.Id))).Code);
        // And the other TwinSpace itself is closed to non-members; its pupil's token is scoped to it.
        Assert.Equal("forbidden", (await Refused(() => scenario.FounderHub.SendChatMessageAsync(other.Id, otherBreakout.Id, "u4", "hi"))).Code);
        Assert.Equal("forbidden", (await Refused(() => otherPupil.Hub.GetChatHistoryAsync(scenario.Id, General))).Code);
        Assert.Empty((await other.FounderHub.GetChatHistoryAsync(other.Id, otherBreakout.Id)).Messages);
        Assert.Equal("not_found", (await Refused(() => scenario.FounderHub.EditChatMessageAsync(scenario.Id, General, 99, "x"))).Code);
    }

    [Fact]
    public async Task A_flooding_pupil_is_rate_limited_while_a_teacher_is_not()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Flood");

        for (var i = 0; i < 3; i++) await pupil.Hub.SendChatMessageAsync(scenario.Id, General, $"f{i}", $"spam {i}");
        var limited = await Refused(() => pupil.Hub.SendChatMessageAsync(scenario.Id, General, "f3", "spam 3"));
        Assert.Equal("rate_limited", limited.Code);
        for (var i = 0; i < 10; i++) await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, $"t{i}", $"teacher {i}");

        var history = (await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General)).Messages;
        Assert.Equal(13, history.Count);
        Assert.DoesNotContain(history, m => m.ClientMessageId == "f3");
    }

    [Fact]
    public async Task Observers_read_but_cannot_write_and_replayed_ids_store_nothing_new()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (_, observer) = await scenario.AddTeacherAsync(TwinSpaceRole.Observer);
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "r1", "first");
        await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "r2", "second");

        Assert.Equal("forbidden", (await Refused(() => observer.SendChatMessageAsync(scenario.Id, General, "o1", "may I?"))).Code);
        Assert.Equal(2, (await observer.GetChatHistoryAsync(scenario.Id, General)).Messages.Count);
        var replay = await scenario.FounderHub.SendChatMessageAsync(scenario.Id, General, "r1", "first again");
        Assert.True(replay.Duplicate);
        Assert.Equal(1, replay.Message.Sequence);
        Assert.Equal(["first", "second"], (await scenario.FounderHub.GetChatHistoryAsync(scenario.Id, General)).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Edits_out_of_the_window_or_of_others_messages_are_refused()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Edit");
        var sent = await pupil.Hub.SendChatMessageAsync(scenario.Id, General, "w1", "original");

        // This server's edit window is zero seconds: every edit comes too late.
        Assert.Equal("conflict", (await Refused(() => pupil.Hub.EditChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "changed"))).Code);
        Assert.Equal("forbidden", (await Refused(() => scenario.FounderHub.EditChatMessageAsync(scenario.Id, General, sent.Message.Sequence, "changed"))).Code);
        Assert.Equal("forbidden", (await Refused(() => scenario.FounderHub.DeleteChatMessageAsync(scenario.Id, General, sent.Message.Sequence))).Code);
        var details = await scenario.FounderHub.GetChatMessageDetailsAsync(scenario.Id, General, sent.Message.Sequence);
        Assert.Equal("original", details.FullText);
        Assert.Empty(details.Edits);
        Assert.False(details.Deleted);
    }

    private static Task<CollabHubException> Refused(Func<Task> call) => Assert.ThrowsAsync<CollabHubException>(call);

    /// <summary>Small limits so that the refusals are quick to reach.</summary>
    public sealed class StrictServer : IAsyncLifetime
    {
        public CollabServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:MaxMessageLength"] = "100",
            ["Chat:EditWindowSeconds"] = "0",
            ["Chat:MessageBurst"] = "1000",
            ["Chat:MessagesPerMinute"] = "60000",
            ["Chat:PupilMessageBurst"] = "3",
            ["Chat:PupilMessagesPerMinute"] = "1",
        });

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
