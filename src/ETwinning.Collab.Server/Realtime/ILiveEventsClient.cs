using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of live events (see docs/protocol.md, "Live events").</summary>
public interface ILiveEventsClient
{
    Task LiveEventChanged(LiveEventChangedEvent change);
    Task LiveLobbyChanged(LiveLobbyEvent lobby);
    Task LivePollChanged(LivePollEvent poll);
    Task LiveTallyChanged(LiveTallyEvent tally);
    Task LiveLeaderboardChanged(LiveLeaderboardEvent leaderboard);
    Task LiveQuestionChanged(LiveQuestionEvent question);
    Task LiveHandsChanged(LiveHandsEvent hands);
    Task LiveRegistrationChanged(LiveRegistrationEvent registration);
    Task LiveEventReminder(LiveEventReminderEvent reminder);
    Task LiveMediaPublished(LiveMediaPublishedEvent published);
}
