using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>The events the live events feature emits; <c>Realtime</c> delivers them over the hub.</summary>
public interface ILiveEventNotifier
{
    /// <summary>To the TwinSpace: an event was created or changed.</summary>
    Task EventChangedAsync(LiveEventChangedEvent change);

    /// <summary>To everyone in the event, on every node.</summary>
    Task LobbyChangedAsync(LiveLobbyEvent lobby);

    Task PollChangedAsync(LivePollEvent poll);

    /// <summary>To everyone in the event on every node (final tallies).</summary>
    Task TallyAsync(LiveTallyEvent tally);

    Task LeaderboardAsync(LiveLeaderboardEvent leaderboard);

    Task QuestionChangedAsync(LiveQuestionEvent question);

    Task HandsChangedAsync(LiveHandsEvent hands);

    /// <summary>To the account's connections: their registration changed (e.g. promoted from the waiting list).</summary>
    Task RegistrationChangedAsync(string accountId, LiveRegistrationEvent registration);
}
