using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Chat;

namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>
/// What outsiders of a public event (validated teachers of other schools) do beyond voting and asking: they chat in the
/// event's own channel, on another node, in their language, and never see a pupil's name there; they reach no other
/// channel; they download the calendar file of a public event and not of a members-only one.
/// </summary>
[Collection(LiveEventCollection.Name)]
public sealed class PublicLiveEventOutsiderTests(LiveEventCluster cluster)
{
    [Fact]
    public async Task An_outsider_chats_in_the_public_events_channel_and_sees_pupils_only_as_anonymous_in_their_language()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        var channelId = scenario.Event.ChatChannelId;
        var (pupil, outsider) = await PortuguesePupilAndGermanOutsiderAsync(scenario);
        var atOutsider = new EventRecorder<ChatMessageView>();
        var typingAtOutsider = new EventRecorder<ChatTypingEvent>();
        var atHost = new EventRecorder<ChatMessageView>();
        outsider.ChatMessageReceived += atOutsider.Record;
        outsider.ChatTyping += typingAtOutsider.Record;
        scenario.Host.ChatMessageReceived += atHost.Record;
        await scenario.Host.OpenChatChannelAsync(scenario.Id, channelId);
        var opened = await outsider.OpenChatChannelAsync(scenario.Id, channelId);
        await pupil.OpenChatChannelAsync(scenario.Id, channelId);

        var fromPupil = await pupil.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "We measured the Douro today");
        await pupil.SendChatTypingAsync(scenario.Id, channelId);
        var pupilSeen = await atOutsider.WaitForAsync(m => m.Sequence == fromPupil.Message.Sequence);
        var pupilTyping = await typingAtOutsider.WaitForAsync(t => t.ChannelId == channelId);
        var hostSeesPupil = await atHost.WaitForAsync(m => m.Sequence == fromPupil.Message.Sequence);
        var sent = await outsider.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Greetings from Hamburg");
        var hostSeesOutsider = await atHost.WaitForAsync(m => m.Sequence == sent.Message.Sequence);
        var history = await outsider.GetChatHistoryAsync(scenario.Id, channelId);
        var since = await outsider.GetChatMessagesSinceAsync(scenario.Id, channelId, 0);
        var read = await outsider.MarkChatReadAsync(scenario.Id, channelId, sent.Message.Sequence);
        var report = await outsider.ReportChatMessageAsync(scenario.Id, channelId, fromPupil.Message.Sequence, "off topic");

        const string Anonymous = "Schüler/in (PT)";
        Assert.Equal((ChatChannelKind.LiveEvent, true), (opened.Kind, opened.CanWrite));
        Assert.Equal(Anonymous, pupilSeen.AuthorName);
        Assert.Equal(Anonymous, pupilTyping.DisplayName);
        Assert.Equal("Lina Sousa", hostSeesPupil.AuthorName);
        Assert.Equal(("Frau Becker", "Greetings from Hamburg"), (hostSeesOutsider.AuthorName, hostSeesOutsider.Text));
        Assert.Equal([Anonymous, "Frau Becker"], history.Messages.Select(m => m.AuthorName));
        Assert.Equal([Anonymous, "Frau Becker"], since.Messages.Select(m => m.AuthorName));
        Assert.Equal((sent.Message.Sequence, 0L), (read.ReadSequence, read.Unread));
        Assert.Equal(Anonymous, report.AuthorName);
        Assert.DoesNotContain(atOutsider.Seen, m => m.AuthorName == "Lina Sousa");
    }

    [Fact]
    public async Task An_outsider_reacts_to_a_pupils_message_and_edits_and_deletes_their_own_with_pupils_still_anonymous()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        var channelId = scenario.Event.ChatChannelId;
        var (pupil, outsider) = await PortuguesePupilAndGermanOutsiderAsync(scenario);
        var changesAtPupil = new EventRecorder<ChatMessageView>();
        pupil.ChatMessageChanged += changesAtPupil.Record;
        await pupil.OpenChatChannelAsync(scenario.Id, channelId);
        await outsider.OpenChatChannelAsync(scenario.Id, channelId);
        var fromPupil = await pupil.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "We measured the Douro today");

        var reacted = await outsider.ReactToChatMessageAsync(scenario.Id, channelId, fromPupil.Message.Sequence, "👍", true);
        var own = await outsider.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Greetings from Hamburk");
        var edited = await outsider.EditChatMessageAsync(scenario.Id, channelId, own.Message.Sequence, "Greetings from Hamburg");
        var pupilSeesEdit = await changesAtPupil.WaitForAsync(m => m.Sequence == own.Message.Sequence && m.Text == "Greetings from Hamburg");
        var deleted = await outsider.DeleteChatMessageAsync(scenario.Id, channelId, own.Message.Sequence);
        var notTheirs = await Refusal(() => outsider.EditChatMessageAsync(scenario.Id, channelId, fromPupil.Message.Sequence, "changed"));

        Assert.Equal("Schüler/in (PT)", reacted.AuthorName);
        Assert.Contains(reacted.Reactions, r => r.Emoji == "👍" && r.AccountIds.Count == 1);
        Assert.Equal(("Frau Becker", "Greetings from Hamburg"), (edited.AuthorName, edited.Text));
        Assert.Equal("Frau Becker", pupilSeesEdit.AuthorName);
        Assert.Equal(ChatMessageState.Deleted, deleted.State);
        Assert.Equal("forbidden", notTheirs.Code);
    }

    [Fact]
    public async Task Hosts_moderate_what_outsiders_write_and_an_outsider_reaches_no_other_chat_of_the_twinspace()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await using var membersOnly = await LiveEventScenario.CreateAsync(cluster.NodeA);
        var channelId = scenario.Event.ChatChannelId;
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, outsider) = await scenario.OutsiderAsync(cluster.NodeB);
        var (_, unregistered) = await scenario.OutsiderAsync(cluster.NodeB, "Not registered");
        await outsider.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var changes = new EventRecorder<ChatMessageView>();
        outsider.ChatMessageChanged += changes.Record;
        await outsider.OpenChatChannelAsync(scenario.Id, channelId);
        var sent = await outsider.SendChatMessageAsync(scenario.Id, channelId, Guid.NewGuid().ToString("N"), "Buy my textbook");

        await scenario.Host.HideChatMessageAsync(scenario.Id, channelId, sent.Message.Sequence, "advertising");
        var hidden = await changes.WaitForAsync(m => m.Sequence == sent.Message.Sequence);
        var general = await Refusal(() => outsider.OpenChatChannelAsync(scenario.Id, ChatChannel.GeneralId));
        var generalHistory = await Refusal(() => outsider.GetChatHistoryAsync(scenario.Id, ChatChannel.GeneralId));
        var list = await Refusal(() => outsider.ListChatChannelsAsync(scenario.Id));
        var hide = await Refusal(() => outsider.HideChatMessageAsync(scenario.Id, channelId, sent.Message.Sequence, "mine"));
        var otherEvent = await Refusal(() => outsider.OpenChatChannelAsync(membersOnly.Id, membersOnly.Event.ChatChannelId));
        var withoutSeat = await Refusal(() => unregistered.OpenChatChannelAsync(scenario.Id, channelId));

        Assert.Equal(ChatMessageState.Hidden, hidden.State);
        Assert.All([general, generalHistory, list, hide], r => Assert.Equal(("forbidden", "You are not a member of this TwinSpace."), (r.Code, r.Message)));
        Assert.Equal(("forbidden", "This event is open to the members of its TwinSpace only."), (otherEvent.Code, otherEvent.Message));
        Assert.Equal("not_found", withoutSeat.Code);
    }

    [Fact]
    public async Task The_events_group_names_pupils_in_each_readers_language_in_a_public_event()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await scenario.StartWithHostInsideAsync();
        var (pupilId, pupil) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Lina Sousa", "PT");
        var (_, german) = await scenario.OutsiderAsync(cluster.NodeB, "Frau Becker", "DE", language: "de");
        var (_, french) = await scenario.OutsiderAsync(cluster.NodeA, "Mme Martin", "FR", language: "fr");
        await german.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        await french.RegisterForLiveEventAsync(scenario.Id, scenario.EventId);
        var atGerman = new EventRecorder<LiveHandsEvent>();
        var atFrench = new EventRecorder<LiveHandsEvent>();
        var atHost = new EventRecorder<LiveHandsEvent>();
        german.LiveHandsChanged += atGerman.Record;
        french.LiveHandsChanged += atFrench.Record;
        scenario.Host.LiveHandsChanged += atHost.Record;
        await german.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await french.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        await pupil.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        var seenInGerman = await atGerman.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == pupilId));
        var seenInFrench = await atFrench.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == pupilId));
        var seenByHost = await atHost.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == pupilId));
        await german.LeaveLiveEventAsync(scenario.Id, scenario.EventId);
        await pupil.LowerLiveHandAsync(scenario.Id, scenario.EventId);
        await atHost.WaitForAsync(h => h.Hands.Count == 0);
        await german.ListPublicLiveEventsAsync();

        Assert.Equal("Schüler/in (PT)", seenInGerman.Hands.Single().DisplayName);
        Assert.Equal("Élève (PT)", seenInFrench.Hands.Single().DisplayName);
        Assert.Equal("Pupil (PT)", seenByHost.Hands.Single().DisplayName);
        Assert.DoesNotContain(atGerman.Seen, h => h.Hands.Count == 0);
    }

    [Fact]
    public async Task Joining_again_after_changing_language_moves_the_connection_to_the_new_language()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers);
        await scenario.StartWithHostInsideAsync();
        var (pupilId, pupil) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Lina Sousa", "PT");
        var (_, outsider) = await scenario.RegisteredOutsiderAsync(cluster.NodeB, "Frau Becker", "DE", language: "de");
        var hands = new EventRecorder<LiveHandsEvent>();
        outsider.LiveHandsChanged += hands.Record;
        await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await pupil.JoinLiveEventAsync(scenario.Id, scenario.EventId);

        await outsider.SetLanguageAsync("fr");
        await outsider.JoinLiveEventAsync(scenario.Id, scenario.EventId);
        await pupil.RaiseLiveHandAsync(scenario.Id, scenario.EventId);
        await hands.WaitForAsync(h => h.Hands.Any(hand => hand.AccountId == pupilId));
        await pupil.LowerLiveHandAsync(scenario.Id, scenario.EventId);
        await hands.WaitForAsync(h => h.Hands.Count == 0);

        Assert.Equal(["Élève (PT)"], hands.Seen.SelectMany(h => h.Hands).Select(hand => hand.DisplayName));
    }

    [Fact]
    public async Task An_outsider_downloads_the_calendar_file_of_a_public_event_and_not_of_a_members_only_one()
    {
        await using var scenario = await LiveEventScenario.CreateAsync(cluster.NodeA, audience: LiveEventAudience.PublicTeachers, title: "Open river webinar");
        await using var membersOnly = await LiveEventScenario.CreateAsync(cluster.NodeA, title: "Members only quiz");
        var (outsiderId, _) = await scenario.OutsiderAsync(cluster.NodeB);
        var token = scenario.AccessTokenOf(outsiderId);

        using var calendar = await GetAsync(cluster.NodeB, scenario.Id, scenario.EventId, token);
        using var refused = await GetAsync(cluster.NodeB, membersOnly.Id, membersOnly.EventId, token);

        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType!.MediaType);
        Assert.Contains("SUMMARY:Open river webinar", await calendar.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"forbidden\"", body);
        Assert.Contains("This event is open to the members of its TwinSpace only.", body);
    }

    private static async Task<HttpResponseMessage> GetAsync(CollabServer node, string twinSpaceId, string eventId, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/twinspaces/{twinSpaceId}/live-events/{eventId}/calendar.ics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await node.Http.SendAsync(request);
    }

    /// <summary>Starts the event; a Portuguese pupil joins on node A, a German-speaking outsider registers on node B.</summary>
    private async Task<(TwinSpaceConnection Pupil, TwinSpaceConnection Outsider)> PortuguesePupilAndGermanOutsiderAsync(LiveEventScenario scenario)
    {
        await scenario.Host.StartLiveEventAsync(scenario.Id, scenario.EventId);
        var (_, pupil) = await scenario.AttendeeAsync(cluster.NodeA, TwinSpaceRole.Pupil, "Lina Sousa", "PT");
        var (_, outsider) = await scenario.RegisteredOutsiderAsync(cluster.NodeB, "Frau Becker", "DE", language: "de");
        return (pupil, outsider);
    }

    private static Task<CollabHubException> Refusal(Func<Task> call) => Assert.ThrowsAsync<CollabHubException>(call);
}
