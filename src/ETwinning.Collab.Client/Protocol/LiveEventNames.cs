namespace ETwinning.Collab.Client.Protocol;

/// <summary>The hub event names of live events, one place for server and clients.</summary>
public static class LiveEventNames
{
    /// <summary>Event: <see cref="LiveEventChangedEvent"/>, to the TwinSpace.</summary>
    public const string LiveEventChanged = nameof(LiveEventChanged);
    /// <summary>Event: <see cref="LivePollEvent"/>, to the event.</summary>
    public const string LivePollChanged = nameof(LivePollChanged);
    /// <summary>Event: <see cref="LiveTallyEvent"/>, to the event, at most <c>LiveEvents:TallyUpdatesPerSecond</c> times a second per poll.</summary>
    public const string LiveTallyChanged = nameof(LiveTallyChanged);
    /// <summary>Event: <see cref="LiveLeaderboardEvent"/>, to the event.</summary>
    public const string LiveLeaderboardChanged = nameof(LiveLeaderboardChanged);
    /// <summary>Event: <see cref="LiveQuestionEvent"/>, to the event (hidden questions to hosts only).</summary>
    public const string LiveQuestionChanged = nameof(LiveQuestionChanged);
    /// <summary>Event: <see cref="LiveHandsEvent"/>, to the event.</summary>
    public const string LiveHandsChanged = nameof(LiveHandsChanged);
    /// <summary>Event: <see cref="LiveRegistrationEvent"/>, to the registered account.</summary>
    public const string LiveRegistrationChanged = nameof(LiveRegistrationChanged);
    /// <summary>Event: <see cref="LiveEventReminderEvent"/>, to each connection of a host or seated attendee in the TwinSpace, once.</summary>
    public const string LiveEventReminder = nameof(LiveEventReminder);
    /// <summary>Event: <see cref="LiveLobbyEvent"/>, to the event.</summary>
    public const string LiveLobbyChanged = nameof(LiveLobbyChanged);
    /// <summary>Event: <see cref="LiveMediaPublishedEvent"/>, to the event.</summary>
    public const string LiveMediaPublished = nameof(LiveMediaPublished);
}
