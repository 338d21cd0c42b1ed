using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary><c>LiveEvents</c>: limits of events, polls, quizzes and Q&amp;A.</summary>
public sealed class LiveEventOptions
{
    public const string Section = "LiveEvents";

    [Range(1, 500)] public int MaxTitleCharacters { get; set; } = 150;

    [Range(0, 20_000)] public int MaxDescriptionCharacters { get; set; } = 4_000;

    /// <summary>Seats of one event; the historical platform offered 100.</summary>
    [Range(1, 100_000)] public int MaxCapacity { get; set; } = 10_000;

    [Range(1, 24 * 60)] public int MaxDurationMinutes { get; set; } = 8 * 60;

    /// <summary>Hosts enter this long before the start (attendees wait in the lobby until a host starts).</summary>
    [Range(0, 24 * 60)] public int HostEarlyEntryMinutes { get; set; } = 30;

    [Range(2, 20)] public int MaxPollOptions { get; set; } = 10;

    [Range(1, 500)] public int MaxPollTextCharacters { get; set; } = 300;

    [Range(1, 600)] public int MaxQuizSeconds { get; set; } = 120;

    [Range(1, 600)] public int DefaultQuizSeconds { get; set; } = 20;

    /// <summary>Points of a correct quiz answer given at once; one given as the timer ends earns half.</summary>
    [Range(1, 100_000)] public int MaxQuizPoints { get; set; } = 1_000;

    /// <summary>Longest Q&amp;A question; longer ones are refused with <c>too_large</c>.</summary>
    [Range(1, 10_000)] public int MaxQuestionCharacters { get; set; } = 500;

    /// <summary>Questions one account may ask per minute (on one node) before <c>rate_limited</c>.</summary>
    [Range(1, 1_000)] public int QuestionsPerMinute { get; set; } = 5;

    /// <summary>How often at most a poll's running tally reaches clients (coalesced however many vote).</summary>
    [Range(1, 60)] public int TallyUpdatesPerSecond { get; set; } = 4;

    [Range(1, 100)] public int MaxHostsPerEvent { get; set; } = 10;

    /// <summary>Feeds an event's media room takes at once (hosts, co-hosts and presenters publishing).</summary>
    [Range(1, 100)] public int MaxMediaPublishers { get; set; } = 12;

    /// <summary>Hosts and seated attendees connected in the TwinSpace hear <c>LiveEventReminder</c> this long before the start; 0 turns reminders off.</summary>
    [Range(0, 24 * 60)] public int ReminderMinutesBefore { get; set; } = 15;

    /// <summary>How often each node looks for events to remind of (a connection arriving in the window is reminded at the next look).</summary>
    [Range(1, 3_600)] public int ReminderCheckSeconds { get; set; } = 30;
}
