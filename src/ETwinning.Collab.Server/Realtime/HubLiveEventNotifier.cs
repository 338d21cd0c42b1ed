using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers live event events over the hub; group sends reach every node through the backplane.
/// In a public event, outsiders are in the group, so people are named as <see cref="PublicLiveEventNames"/> allows, in
/// each reader's language (the event's language groups).
/// </summary>
internal sealed class HubLiveEventNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub, PublicLiveEventNames names) : ILiveEventNotifier
{

    public Task EventChangedAsync(LiveEventChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).LiveEventChanged(change);

    public Task LobbyChangedAsync(LiveLobbyEvent lobby) => Event(lobby.TwinSpaceId, lobby.EventId).LiveLobbyChanged(lobby);

    public Task PollChangedAsync(LivePollEvent poll) => Event(poll.TwinSpaceId, poll.EventId).LivePollChanged(poll);

    public Task TallyAsync(LiveTallyEvent tally) => Event(tally.TwinSpaceId, tally.EventId).LiveTallyChanged(tally);

    public Task LeaderboardAsync(LiveLeaderboardEvent leaderboard) =>
        NamingPeopleAsync(leaderboard.TwinSpaceId, leaderboard.EventId, leaderboard, names.ForAudienceAsync, (group, shown) => group.LiveLeaderboardChanged(shown));

    public Task QuestionChangedAsync(LiveQuestionEvent question) =>
        NamingPeopleAsync(question.TwinSpaceId, question.EventId, question, names.ForAudienceAsync, (group, shown) => group.LiveQuestionChanged(shown));

    public Task HandsChangedAsync(LiveHandsEvent hands) =>
        NamingPeopleAsync(hands.TwinSpaceId, hands.EventId, hands, names.ForAudienceAsync, (group, shown) => group.LiveHandsChanged(shown));

    public Task RegistrationChangedAsync(string accountId, LiveRegistrationEvent registration) =>
        hub.Clients.User(accountId).LiveRegistrationChanged(registration);

    private ITwinSpaceClient Event(string twinSpaceId, string eventId) => hub.Clients.Group(GroupNames.LiveEvent(twinSpaceId, eventId));

    /// <summary>
    /// An event that names people: to the event's group as it is in a members-only event; in a public event, where pupils
    /// are named anonymously in the reader's words, once per language to the event's language groups.
    /// </summary>
    private async Task NamingPeopleAsync<T>(
        string twinSpaceId, string eventId, T change, Func<T, CultureInfo, Task<T>> anonymise, Func<ITwinSpaceClient, T, Task> send)
    {
        if (!await names.IsPublicEventAsync(twinSpaceId, eventId).ConfigureAwait(false))
        {
            await send(Event(twinSpaceId, eventId), change).ConfigureAwait(false);
            return;
        }
        foreach (var language in ServerMessages.Languages)
        {
            var culture = CultureInfo.GetCultureInfo(language);
            await send(hub.Clients.Group(GroupNames.LiveEventLanguage(twinSpaceId, eventId, language)), await anonymise(change, culture).ConfigureAwait(false))
                .ConfigureAwait(false);
        }
    }
}
