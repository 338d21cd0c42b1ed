using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers live event events over the hub; group sends reach every node through the backplane.
/// In a public event, outsiders are in the group, so people are named as <see cref="PublicLiveEventNames"/> allows.
/// </summary>
internal sealed class HubLiveEventNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, PublicLiveEventNames names) : ILiveEventNotifier
{
    // One send reaches every language in the event's group: the catalogue's neutral (English) words. What a caller asks
    // for (joining, lists, leaderboard) comes in the caller's language.
    private static readonly CultureInfo GroupLanguage = CultureInfo.InvariantCulture;

    public Task EventChangedAsync(LiveEventChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).LiveEventChanged(change);

    public Task LobbyChangedAsync(LiveLobbyEvent lobby) => Event(lobby.TwinSpaceId, lobby.EventId).LiveLobbyChanged(lobby);

    public Task PollChangedAsync(LivePollEvent poll) => Event(poll.TwinSpaceId, poll.EventId).LivePollChanged(poll);

    public Task TallyAsync(LiveTallyEvent tally) => Event(tally.TwinSpaceId, tally.EventId).LiveTallyChanged(tally);

    public async Task LeaderboardAsync(LiveLeaderboardEvent leaderboard) =>
        await Event(leaderboard.TwinSpaceId, leaderboard.EventId).LiveLeaderboardChanged(await names.ForAudienceAsync(leaderboard, GroupLanguage).ConfigureAwait(false))
            .ConfigureAwait(false);

    public async Task QuestionChangedAsync(LiveQuestionEvent question) =>
        await Event(question.TwinSpaceId, question.EventId).LiveQuestionChanged(await names.ForAudienceAsync(question, GroupLanguage).ConfigureAwait(false))
            .ConfigureAwait(false);

    public async Task HandsChangedAsync(LiveHandsEvent hands) =>
        await Event(hands.TwinSpaceId, hands.EventId).LiveHandsChanged(await names.ForAudienceAsync(hands, GroupLanguage).ConfigureAwait(false)).ConfigureAwait(false);

    public Task RegistrationChangedAsync(string accountId, LiveRegistrationEvent registration) =>
        hub.Clients.User(accountId).LiveRegistrationChanged(registration);

    private ITwinSpaceClient Event(string twinSpaceId, string eventId) => hub.Clients.Group(GroupNames.LiveEvent(twinSpaceId, eventId));
}
