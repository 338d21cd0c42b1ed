using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Delivers live event events over the hub; group sends reach every node through the backplane.</summary>
internal sealed class HubLiveEventNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : ILiveEventNotifier
{
    public Task EventChangedAsync(LiveEventChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).LiveEventChanged(change);

    public Task LobbyChangedAsync(LiveLobbyEvent lobby) => Event(lobby.TwinSpaceId, lobby.EventId).LiveLobbyChanged(lobby);

    public Task PollChangedAsync(LivePollEvent poll) => Event(poll.TwinSpaceId, poll.EventId).LivePollChanged(poll);

    public Task TallyAsync(LiveTallyEvent tally) => Event(tally.TwinSpaceId, tally.EventId).LiveTallyChanged(tally);

    public Task LeaderboardAsync(LiveLeaderboardEvent leaderboard) => Event(leaderboard.TwinSpaceId, leaderboard.EventId).LiveLeaderboardChanged(leaderboard);

    public Task QuestionChangedAsync(LiveQuestionEvent question) => Event(question.TwinSpaceId, question.EventId).LiveQuestionChanged(question);

    public Task HandsChangedAsync(LiveHandsEvent hands) => Event(hands.TwinSpaceId, hands.EventId).LiveHandsChanged(hands);

    public Task RegistrationChangedAsync(string accountId, LiveRegistrationEvent registration) =>
        hub.Clients.User(accountId).LiveRegistrationChanged(registration);

    private ITwinSpaceClient Event(string twinSpaceId, string eventId) => hub.Clients.Group(GroupNames.LiveEvent(twinSpaceId, eventId));
}
